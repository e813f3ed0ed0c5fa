/** Reading a Content-Security-Policy meta tag: directive name -> its sources. */
export type Policy = Map<string, string[]>;

export function policyOf(html: string): Policy | null {
  const meta = /<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(html)?.[0];
  const content = meta && /content=(?:"([^"]*)"|'([^']*)')/i.exec(meta);
  if (!content) return null;
  const text = content[1] ?? content[2];
  return new Map(
    text
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** The sources that govern `directive`, with CSP's fallback to default-src. */
export function sourcesFor(policy: Policy, directive: string): string[] {
  const fallback: Record<string, string[]> = {
    "script-src-elem": ["script-src"],
    "style-src-elem": ["style-src"],
    "style-src-attr": ["style-src"],
  };
  for (const name of [directive, ...(fallback[directive] ?? [])]) {
    const sources = policy.get(name);
    if (sources) return sources;
  }
  return policy.get("default-src") ?? ["*"];
}
