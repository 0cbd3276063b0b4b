// Image reference parsing as far as defaulting needs it: parsers.ParseImageName
// (pkg/util/parsers, v1.32) on top of the distribution reference grammar.

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const referenceRe = new RegExp(`^((?:${domain}/)?${pathComponent}(?:/${pathComponent})*)(?::(${tag}))?(?:@(${digest}))?$`);

/** parseImageTag returns an image's tag: "latest" when neither tag nor digest is given, "" if it does not parse. */
export function parseImageTag(image: string): string {
  const m = referenceRe.exec(image);
  if (!m) return '';
  const [, name, t, d] = m;
  if (name.length > 255) return '';
  if (t) return t;
  return d ? '' : 'latest';
}

/** imagePullPolicyFor is SetDefaults_Container's rule: Always for ":latest" (or no tag), else IfNotPresent. */
export function imagePullPolicyFor(image: string): 'Always' | 'IfNotPresent' {
  return parseImageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
