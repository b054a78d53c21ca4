/**
 * A corpus of XSS payloads for rich text (C6), used by the sanitiser's unit test and by
 * e2e/xss.spec.ts, which saves each through the real create action and renders it in
 * Chromium. Every payload, if it ran, would set `window.__xss` or call alert/confirm/
 * prompt, so "nothing ran" can be observed. Sources: the OWASP XSS filter evasion cheat
 * sheet, PortSwigger's XSS cheat sheet, and published DOMPurify / sanitize-html
 * mutation (mXSS) bypasses.
 */
export interface XssPayload {
  name: string;
  html: string;
}

const U = "123e4567-e89b-42d3-a456-426614174000"; // a well-formed upload id that does not exist

export const XSS_PAYLOADS: XssPayload[] = [
  // Script elements
  { name: "script tag", html: "<script>window.__xss=1</script>" },
  { name: "script with src", html: '<script src="data:text/javascript,window.__xss=1"></script>' },
  { name: "script in mixed case", html: "<ScRiPt>window.__xss=1</sCrIpT>" },
  { name: "script split by null", html: "<scr\u0000ipt>window.__xss=1</scr\u0000ipt>" },
  { name: "nested script to survive one pass", html: "<scr<script>ipt>window.__xss=1</scr</script>ipt>" },
  { name: "script inside paragraph", html: "<p>hi<script>alert(1)</script></p>" },
  { name: "unclosed script", html: "<p>x</p><script>window.__xss=1" },
  // Event handlers
  { name: "img onerror", html: "<img src=x onerror=window.__xss=1>" },
  { name: "img onerror with our upload src", html: `<img src="/api/uploads/${U}" onerror="window.__xss=1">` },
  { name: "svg onload", html: "<svg onload=window.__xss=1>" },
  { name: "body onload", html: "<body onload=window.__xss=1>" },
  { name: "details ontoggle open", html: "<details open ontoggle=window.__xss=1><summary>x</summary></details>" },
  { name: "autofocus onfocus", html: "<input autofocus onfocus=window.__xss=1>" },
  { name: "paragraph onmouseover", html: '<p onmouseover="window.__xss=1" style="display:block;position:fixed;inset:0">cover</p>' },
  { name: "link onclick", html: '<a href="https://example.org" onclick="window.__xss=1">x</a>' },
  { name: "heading onanimationstart", html: '<h2 style="animation-name:spin" onanimationstart="window.__xss=1">x</h2>' },
  { name: "table onpointerenter", html: "<table onpointerenter=window.__xss=1><tr><td>x</td></tr></table>" },
  { name: "video source onerror", html: "<video><source onerror=window.__xss=1></video>" },
  { name: "audio src onerror", html: "<audio src=x onerror=window.__xss=1></audio>" },
  { name: "marquee onstart", html: "<marquee onstart=window.__xss=1>x</marquee>" },
  { name: "handler with no quotes and slash", html: "<img/src=x/onerror=window.__xss=1>" },
  { name: "handler after newline", html: "<img src=x\nonerror=window.__xss=1>" },
  // javascript:, data: and vbscript: links
  { name: "javascript link", html: '<a href="javascript:window.__xss=1">click</a>' },
  { name: "javascript link, mixed case", html: '<a href="JaVaScRiPt:window.__xss=1">click</a>' },
  { name: "javascript link, entity encoded", html: '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__xss=1">click</a>' },
  { name: "javascript link, hex entities without semicolons", html: '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;window.__xss=1">click</a>' },
  { name: "javascript link, tab split", html: '<a href="jav\tascript:window.__xss=1">click</a>' },
  { name: "javascript link, newline split", html: '<a href="jav\nascript:window.__xss=1">click</a>' },
  { name: "javascript link, entity newline", html: '<a href="java&#10;script:window.__xss=1">click</a>' },
  { name: "javascript link, leading spaces and control", html: '<a href=" \u0001javascript:window.__xss=1">click</a>' },
  { name: "javascript link, named colon entity", html: '<a href="javascript&colon;window.__xss=1">click</a>' },
  { name: "data: html link", html: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>' },
  { name: "vbscript link", html: '<a href="vbscript:msgbox(1)">click</a>' },
  { name: "data: image src", html: '<img src="data:image/svg+xml,<svg onload=alert(1)>">' },
  { name: "javascript img src", html: '<img src="javascript:window.__xss=1">' },
  { name: "protocol-relative img src", html: '<img src="//evil.example/x.png">' },
  { name: "upload path traversal", html: `<img src="/api/uploads/${U}/../../login">` },
  { name: "formaction on button", html: '<form><button formaction="javascript:window.__xss=1">go</button></form>' },
  { name: "form action", html: '<form action="javascript:window.__xss=1"><input type=submit></form>' },
  // SVG and MathML (including namespace-confusion mutation payloads)
  { name: "svg script", html: "<svg><script>window.__xss=1</script></svg>" },
  { name: "svg animate href", html: '<svg><a><animate attributeName="href" values="javascript:window.__xss=1"/><text y="20">x</text></a></svg>' },
  { name: "svg use data", html: '<svg><use href="data:image/svg+xml,<svg id=x xmlns=http://www.w3.org/2000/svg><image href=1 onerror=alert(1) /></svg>#x"/></svg>' },
  { name: "svg foreignObject", html: "<svg><foreignObject><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe></foreignObject></svg>" },
  { name: "math mglyph style mXSS", html: "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1></style></mglyph></table></mtext></math>" },
  { name: "math href", html: '<math href="javascript:window.__xss=1"><mi>x</mi></math>' },
  { name: "svg style mXSS", html: "<svg></p><style><a id=\"</style><img src=1 onerror=window.__xss=1>\">" },
  { name: "form math mXSS (DOMPurify 2.0.0)", html: "<form><math><mtext></form><form><mglyph><svg><mtext><style><path id=\"</style><img onerror=window.__xss=1 src>\">" },
  // Embedding
  { name: "iframe javascript src", html: '<iframe src="javascript:parent.__xss=1"></iframe>' },
  { name: "iframe srcdoc", html: '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>' },
  { name: "object data", html: '<object data="data:text/html,<script>parent.__xss=1</script>"></object>' },
  { name: "embed src", html: '<embed src="data:text/html,<script>parent.__xss=1</script>">' },
  { name: "base href hijack", html: '<base href="javascript:/a/-alert(1)///////"><a href="../x">x</a>' },
  // Style
  { name: "style element", html: "<style>@import 'javascript:alert(1)';</style>" },
  { name: "style attribute expression", html: '<p style="width:expression(window.__xss=1)">x</p>' },
  { name: "style attribute url javascript", html: "<p style=\"background:url('javascript:window.__xss=1')\">x</p>" },
  { name: "link stylesheet", html: '<link rel="stylesheet" href="javascript:window.__xss=1">' },
  // Meta, noscript, template and other parser tricks
  { name: "meta refresh", html: '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">' },
  { name: "noscript mXSS", html: '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">' },
  { name: "template mXSS", html: "<template><img src=x onerror=window.__xss=1></template>" },
  { name: "textarea breakout", html: "<textarea></textarea><img src=x onerror=window.__xss=1></textarea>" },
  { name: "title breakout", html: "<title><img src=x onerror=window.__xss=1></title>" },
  { name: "comment breakout", html: "<!--><img src=x onerror=window.__xss=1>-->" },
  { name: "conditional comment", html: "<!--[if gte IE 4]><script>window.__xss=1</script><![endif]-->" },
  { name: "cdata", html: "<![CDATA[<img src=x onerror=window.__xss=1>]]>" },
  { name: "attribute breakout via quotes", html: '<a title="x" " onmouseover="window.__xss=1" href="https://example.org">x</a>' },
  { name: "xmp plaintext", html: "<xmp><img src=x onerror=window.__xss=1></xmp>" },
  { name: "isindex / keygen style", html: '<isindex type=image src=1 onerror=window.__xss=1><keygen autofocus onfocus=window.__xss=1>' },
  { name: "srcset javascript", html: '<img srcset="javascript:window.__xss=1 1x" src="x">' },
  { name: "dialog open with handler", html: "<dialog open onclose=window.__xss=1><form method=dialog><button autofocus onfocus=window.__xss=1>x</button></form></dialog>" },
];
