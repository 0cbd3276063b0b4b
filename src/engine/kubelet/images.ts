import { hashFraction, hexDigest } from './hash';

/** ImageInfo is what the simulated registry and containerd know about one image reference. */
export interface ImageInfo {
  /** ref is the image exactly as the pod spec writes it ("nginx:1.25"). */
  ref: string;
  /** name is the normalized reference containerd reports ("docker.io/library/nginx:1.25"). */
  name: string;
  /** repository is the normalized repository ("docker.io/library/nginx"). */
  repository: string;
  /** imageID is the repo digest ("docker.io/library/nginx@sha256:…"), the same on every node. */
  imageID: string;
  sizeBytes: number;
  /** pullError is the CRI error of a pull when the simulated registry has no such image. */
  pullError?: string;
}

interface CatalogEntry {
  sizeMB: number;
  /** tags lists the tags the simulated registry serves; other tags are "not found". */
  tags: RegExp;
}

const semver = (major: string) => new RegExp(`^(latest|${major}(\\.\\d{1,2}){0,2}(-[a-z0-9.-]+)?|[a-z]+[a-z0-9.-]*)$`);

// Sizes are the compressed sizes containerd reports in the Pulled event, rounded; tag ranges are
// the ones Docker Hub serves, so the Deployment tutorial's deliberate typo "nginx:1.161" fails.
const catalog: Record<string, CatalogEntry> = {
  'docker.io/library/nginx': { sizeMB: 68, tags: /^(latest|stable|mainline|alpine|alpine-slim|perl|1\.([7-9]|1\d|2\d)(\.\d{1,2})?(-[a-z0-9.-]+)?)$/ },
  'docker.io/library/busybox': { sizeMB: 2.1, tags: /^(latest|stable|musl|glibc|uclibc|1\.(2\d|3[0-7])(\.\d{1,2})?(-[a-z0-9.-]+)?)$/ },
  'docker.io/library/alpine': { sizeMB: 3.6, tags: /^(latest|edge|3\.(\d|1\d|2[0-1])(\.\d{1,2})?)$/ },
  'docker.io/library/ubuntu': { sizeMB: 29, tags: /^(latest|rolling|devel|jammy|noble|focal|bionic|(1[4-9]|2[0-5])\.(04|10))$/ },
  'docker.io/library/debian': { sizeMB: 48, tags: /^(latest|stable|bookworm|bullseye|buster|trixie|[a-z]+-slim|1[0-3](\.\d{1,2})?(-slim)?)$/ },
  'docker.io/library/redis': { sizeMB: 45, tags: semver('[5-8]') },
  'docker.io/library/postgres': { sizeMB: 158, tags: semver('(9|1[0-7])') },
  'docker.io/library/mysql': { sizeMB: 170, tags: semver('[5-9]') },
  'docker.io/library/httpd': { sizeMB: 58, tags: semver('2') },
  'docker.io/library/perl': { sizeMB: 336, tags: semver('5') },
  'docker.io/library/python': { sizeMB: 390, tags: semver('3') },
  'docker.io/library/node': { sizeMB: 400, tags: semver('(1\\d|2[0-4])') },
  'docker.io/library/memcached': { sizeMB: 30, tags: semver('1') },
  'docker.io/library/mongo': { sizeMB: 250, tags: semver('[4-8]') },
  'docker.io/library/rabbitmq': { sizeMB: 105, tags: semver('[3-4]') },
  'docker.io/library/hello-world': { sizeMB: 0.01, tags: /^(latest|linux)$/ },
  'docker.io/curlimages/curl': { sizeMB: 10, tags: semver('[7-8]') },
  'docker.io/hashicorp/http-echo': { sizeMB: 3.9, tags: semver('[01]') },
  'registry.k8s.io/pause': { sizeMB: 0.32, tags: /^(latest|3\.\d{1,2})$/ },
  'registry.k8s.io/e2e-test-images/agnhost': { sizeMB: 51, tags: /^(latest|2\.\d{1,2})$/ },
  'registry.k8s.io/coredns/coredns': { sizeMB: 18, tags: /^v1\.\d{1,2}\.\d{1,2}$/ },
  'registry.k8s.io/kube-proxy': { sizeMB: 30, tags: /^v1\.\d{1,2}\.\d{1,2}$/ },
};

/**
 * missingMarkers are the words that make an image "not exist" in the simulated registry, in a
 * repository or a tag: "nginx:doesnotexist", "example/nonexistent-app". A tag outside a catalog
 * image's served range also fails (nginx:1.161); any other image exists.
 */
export const missingMarkers = ['doesnotexist', 'does-not-exist', 'nonexistent', 'notexist', 'notfound', 'invalid-image'];

/** imageName is an image's name without registry, path or tag ("nginx" for docker.io/library/nginx:1.27), which tells what it runs. */
export function imageName(ref: string): string {
  return parseImageRef(ref).repository.split('/').pop() ?? '';
}

/** parseImageRef splits an image reference into its normalized repository, tag and digest. */
export function parseImageRef(ref: string): { repository: string; tag: string; digest: string } {
  let rest = ref;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0];
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasDomain ? rest : `docker.io/${rest}`;
  if (!hasDomain && parts.length === 1) repository = `docker.io/library/${rest}`;
  if (!tag && !digest) tag = 'latest';
  return { repository: repository.toLowerCase(), tag, digest };
}

const cache = new Map<string, ImageInfo>();

/** imageInfo describes an image reference; it is pure and cached, so every node agrees on it. */
export function imageInfo(ref: string): ImageInfo {
  let info = cache.get(ref);
  if (info) return info;
  const { repository, tag, digest } = parseImageRef(ref);
  const name = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  const entry = catalog[repository];
  const variation = 0.9 + 0.2 * hashFraction(name);
  const sizeMB = entry ? entry.sizeMB : 20 + 230 * hashFraction(repository);
  info = {
    ref,
    name,
    repository,
    imageID: `${repository}@sha256:${digest.startsWith('sha256:') ? digest.slice(7) : hexDigest(name)}`,
    sizeBytes: Math.round(sizeMB * 1_048_576 * variation),
  };
  const lower = ref.toLowerCase();
  if (missingMarkers.some((m) => lower.includes(m))) {
    info.pullError = accessDenied(name);
  } else if (entry && tag && !entry.tags.test(tag)) {
    info.pullError = notFound(name);
  }
  cache.set(ref, info);
  return info;
}

/** pullDurationMs is how long pulling an image takes on the simulated network: ~40 MB/s plus registry round trips. */
export function pullDurationMs(info: ImageInfo, salt: string): number {
  const roundTrips = 300 + 500 * hashFraction(`${salt}/${info.name}`);
  if (info.pullError) return Math.round(roundTrips + 200);
  return Math.round(roundTrips + (info.sizeBytes / (40 * 1_048_576)) * 1000);
}

// The texts containerd 1.7 returns through CRI for a missing tag and a missing repository.
function notFound(name: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
}

function accessDenied(name: string): string {
  return (
    `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ` +
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed'
  );
}
