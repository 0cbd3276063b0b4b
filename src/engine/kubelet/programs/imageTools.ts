import { parseImageRef } from '../images';

// Which network tools the images the simulation knows ship: busybox and alpine have busybox's wget
// and nslookup, curlimages/curl adds curl, and the Debian-based nginx image has curl alone. Images
// not listed are taken to have them all.

const networkTools = new Set(['wget', 'curl', 'nslookup', 'host']);

const toolsOf: Record<string, ReadonlySet<string>> = {
  'docker.io/library/busybox': new Set(['wget', 'nslookup']),
  'docker.io/library/alpine': new Set(['wget', 'nslookup']),
  'docker.io/curlimages/curl': new Set(['curl', 'wget', 'nslookup']),
  'docker.io/library/nginx': new Set(['curl']),
};

/** lacksTool reports a network tool the container's image does not have. */
export function lacksTool(image: string, tool: string): boolean {
  const known = toolsOf[parseImageRef(image).repository];
  return !!known && networkTools.has(tool) && !known.has(tool);
}

/** notFound is how the image's sh (busybox ash, or Debian's dash) reports a command it cannot find. */
export function notFound(image: string, tool: string): string {
  const repo = parseImageRef(image).repository;
  return repo.endsWith('/busybox') || repo.endsWith('/alpine') || repo.endsWith('/curl') ? `sh: ${tool}: not found` : `sh: 1: ${tool}: not found`;
}
