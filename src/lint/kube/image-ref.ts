/** The parts of a container image reference: [registry[:port]/]path[:tag][@digest]. */
export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits an image reference. A colon before the last "/" belongs to the registry host
 * (`reg:5000/app` has no tag); a digest pins the image whatever the tag says.
 */
export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  const ref: ImageRef = { name: rest };
  const at = rest.indexOf("@");
  if (at >= 0) {
    if (at + 1 < rest.length) ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    if (colon + 1 < rest.length) ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  ref.name = rest;
  return ref;
}
