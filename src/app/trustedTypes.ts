/**
 * The page's Trusted Types policy (the CSP requires it for every HTML and script URL sink). HTML may be
 * parsed only if it is one of the app's own Solid templates, collected from the source at build time
 * (`solidTemplates` in vite.config.ts), so text from a file can never reach an HTML sink. Scripts and
 * workers load only from our own origin. Imported first, before anything renders.
 */
declare const __SOLID_TEMPLATES__: readonly string[] | undefined;

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createHTML?(s: string): string; createScriptURL?(s: string): string; createScript?(s: string): string },
  ): unknown;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
if (factory && typeof __SOLID_TEMPLATES__ !== 'undefined') {
  const templates = new Set(__SOLID_TEMPLATES__);
  factory.createPolicy('default', {
    createHTML(s) {
      if (templates.has(s)) return s;
      throw new TypeError('markup that is not one of the app’s templates was refused');
    },
    createScriptURL(s) {
      if (new URL(s, location.href).origin === location.origin) return s;
      throw new TypeError(`a script from another origin was refused: ${s}`);
    },
    createScript() {
      throw new TypeError('inline script was refused');
    },
  });
}
