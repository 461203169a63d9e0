/**
 * Applies a registry mirror map to an image reference: the longest matching prefix (a host, or
 * host/path) is replaced. Images without a registry host are Docker Hub images ("docker.io").
 */
export function rewriteImage(image: string, rewrite: Record<string, string>): string {
  const qualified = hasRegistryHost(image) ? image : `docker.io/${image.includes("/") ? image : `library/${image}`}`;
  let best = "";
  for (const prefix of Object.keys(rewrite)) {
    if ((qualified === prefix || qualified.startsWith(`${prefix}/`)) && prefix.length > best.length) best = prefix;
  }
  if (!best) return image;
  return `${rewrite[best].replace(/\/+$/, "")}${qualified.slice(best.length)}`;
}

function hasRegistryHost(image: string): boolean {
  const first = image.split("/")[0];
  return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
}
