// Verifies webhook deliveries with the official Standard Webhooks library (npm standardwebhooks),
// exactly as a partner's receiver would. Reads a JSON array of {secret, headers, body} on stdin and
// prints a JSON array of {ok, error?, type?} in the same order. Run by WebhookStandardTest.
"use strict";
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ secret, headers, body }) => {
    try {
      const event = new Webhook(secret).verify(body, headers);
      return { ok: true, type: event.type };
    } catch (e) {
      return { ok: false, error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
