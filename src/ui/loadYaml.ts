/** loadYaml fetches the YAML printer when first needed: drawing the cluster does not need it. */
export const loadYaml = (): Promise<Pick<typeof import('yaml'), 'stringify'>> => import('yaml');
