// Typings for the jsonld 9 modules that src/jsonld/rdfc.ts composes (the same steps
// jsonld.canonize runs), and for rdf-canonize, which jsonld itself calls for the last step.
declare module 'jsonld/lib/context.js' {
  const api: { getInitialContext(options: object): Record<string, unknown> };
  export default api;
}
declare module 'jsonld/lib/expand.js' {
  const api: { expand(args: { activeCtx: object; element: unknown; options: object }): Promise<unknown> };
  export default api;
}
declare module 'jsonld/lib/toRdf.js' {
  const api: { toRDF(expanded: unknown, options: object): unknown[] };
  export default api;
}
declare module 'jsonld/lib/events.js' {
  const api: { setupEventHandler(args: { options: object }): unknown };
  export default api;
}
declare module 'jsonld/lib/util.js' {
  const api: { clone<T>(value: T): T };
  export default api;
}
declare module 'jsonld/lib/ContextResolver.js' {
  class ContextResolver {
    constructor(options: { sharedCache: { get(key: string): unknown; set(key: string, value: unknown): unknown } });
  }
  export default ContextResolver;
}
declare module 'rdf-canonize' {
  export function canonize(dataset: unknown[], options: { algorithm: 'RDFC-1.0'; messageDigestAlgorithm?: string }): Promise<string>;
}
