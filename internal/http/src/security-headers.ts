/**
 * Headers every HTML page of GouvGraph is served with: a content security policy that allows
 * only the page's own assets (and its own inline scripts, by hash), no framing, no referrer,
 * no content sniffing. Every asset is served by the gateway itself, so nothing else is needed.
 */
import { createHash } from 'node:crypto';

/** The CSP source for one inline script: its SHA-256, as browsers compute it. */
function inlineScriptSource(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

export function htmlSecurityHeaders(inlineScripts: readonly string[] = []): Record<string, string> {
  const scripts = ["'self'", ...inlineScripts.map(inlineScriptSource)].join(' ');
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src ${scripts}`,
      // Editors and charts set style attributes at run time.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
