/**
 * Hostile text for the preview and the exported drawings: markup that would run a script, load
 * something from outside or restyle the page if any of it were ever inserted as markup. Every
 * payload sets `window.pwned` or calls `alert`, so a test can tell whether anything ran.
 */
export const XSS_PAYLOADS: readonly string[] = [
    '<script>window.pwned=1</script>',
    '<ScRiPt>alert(1)</sCrIpT>',
    '<scr<script>ipt>alert(1)</script>',
    '<![CDATA[<script>alert(1)</script>]]>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
    '<svg><set attributeName=onmouseover to=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '<body onload=alert(1)>',
    '" onmouseover="alert(1)" x="',
    "' onclick='alert(1)' y='",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href=" &#14;  javascript:alert(1)">spaces</a>',
    '<a xlink:href="javascript:alert(1)">x</a>',
    '<iframe src="data:text/html,<script>parent.pwned=1</script>">',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<use href="https://example.com/sprite.svg#x"/>',
    '<image href="https://example.com/x.png"/>',
    ']]><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>',
    '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject>',
    '</text><style>*{background:url(https://example.com/x)}</style>',
    '</style><style>@import "https://example.com/x.css";</style>',
    'x{}</style><div style="width:expression(alert(1))">',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#60;script&#62;alert(1)&#60;/script&#62;',
    '&amp;lt;img src=x onerror=alert(1)&amp;gt;',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "https://example.com/x">]>&e;',
    '<?xml-stylesheet href="https://example.com/x.xsl"?>',
    '\u202e<script>alert(1)</script>\u202d zero\u200bwidth\u200d',
    '`${alert(1)}` {{constructor.constructor("alert(1)")()}}',
    `<script>${'alert(1);'.repeat(200)}</script>`
];

/** `text` as a .fly STRING token: quotes and backslashes escaped (labels never hold a line break). */
export function flyString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * One flywheel with `payload` everywhere the language takes free text: the flywheel's, the goal's,
 * a driver's and a link's label, and two doc comments (which cannot hold `*` followed by `/`).
 * Names are identifiers (`[A-Za-z_][A-Za-z0-9_]*`), so no markup can reach one.
 */
export function hostileFlywheel(payload: string, name = 'W'): string {
    const label = flyString(payload);
    const doc = payload.replace(/\*\//g, '* /');
    return `flywheel ${name} ${label} {
    /** ${doc} */
    goal g ${label}
    /** ${doc} */
    cost quality driver d ${label}
    driver e ${label}
    g -> d ${label} -> e -> g
}
`;
}
