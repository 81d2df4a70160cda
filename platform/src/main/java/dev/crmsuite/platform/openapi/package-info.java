/**
 * OpenAPI filters every service shares: what the annotations cannot say, added to the document by
 * one filter each instead of pasted per operation.
 *
 * <p>A filter that only rewrites the model runs at build time ({@code RunStage.BUILD}), so its work is
 * in the jar's document instead of being redone at every start (issue 19: Quarkus' start-up step
 * that prepares the document took 383-450 ms of a customer-service start with the filters at the
 * default stage, 331-367 ms without; the served documents are byte for byte the same). Only
 * {@link dev.crmsuite.platform.openapi.StaffOnlyDocumented} runs when the document is served, as it
 * reads the CDI beans' interceptor bindings.
 */
package dev.crmsuite.platform.openapi;
