// Spectral custom function for crm-operation-security: given an operation, reports each security
// requirement that names a scheme the document does not define, and each name in a requirement that
// is neither a scope of an OAuth2 scheme's flows nor one of the suite's closed set of scopes
// (functionOptions.scopes, the same as platform/.../security/Scopes.java).
//
// It replaces spectral:oas's oas3-operation-security-defined, which accepts names only for OAuth2
// and OpenID Connect schemes. OpenAPI 3.1 lets any other scheme list "role names which are required
// for the execution" (Security Requirement Object), which is how every operation declares its
// permission here: the scopes of its @RolesAllowed, on the services' InternalToken scheme and on the
// gateway's bearerAuth and apiKey schemes.
export default function securityDeclared(operation, options, context) {
  const security = operation?.security;
  if (!Array.isArray(security)) return [];
  const document = context.document?.data ?? {};
  const schemes = document.components?.securitySchemes ?? {};
  const closed = new Set(options?.scopes ?? []);
  const results = [];
  security.forEach((requirement, i) => {
    for (const [name, scopes] of Object.entries(requirement ?? {})) {
      const scheme = schemes[name];
      if (!scheme) {
        results.push({ message: `security scheme ${name} is not defined in components.securitySchemes`, path: [...context.path, 'security', i, name] });
        continue;
      }
      const oauthScopes = new Set(Object.values(scheme.flows ?? {}).flatMap((flow) => Object.keys(flow?.scopes ?? {})));
      (Array.isArray(scopes) ? scopes : []).forEach((scope, j) => {
        const known = scheme.type === 'oauth2' ? oauthScopes.has(scope) : closed.has(scope);
        if (!known) {
          results.push({
            message: `"${scope}" is ${scheme.type === 'oauth2' ? 'not a scope of ' + name : 'not a scope of the closed set'}`,
            path: [...context.path, 'security', i, name, j],
          });
        }
      });
    }
  });
  return results;
}
