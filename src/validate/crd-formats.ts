import { parseCidr, parseIp } from "../cel/library-ip.js";
import { parseUrl } from "../cel/library-url.js";

/**
 * The string formats the API server checks in custom resources (k8s.io/kube-openapi's format
 * registry, the ones CRDs use); other format names are accepted without a check, as there.
 * int32/int64/double/date-time are checked by the schema validator itself.
 */
const FORMATS: Record<string, (value: string) => boolean> = {
  uuid: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v),
  uuid3: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v),
  uuid4: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(v),
  uuid5: (v) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i.test(v),
  email: (v) => v.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(v),
  hostname: (v) => v.length <= 255 && /^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*\.?$/.test(v),
  ipv4: (v) => parseIp(v)?.family === 4,
  ipv6: (v) => parseIp(v)?.family === 6 || /^::ffff:/i.test(v),
  cidr: (v) => parseCidr(v) !== undefined,
  mac: (v) => /^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(v) || /^([0-9a-fA-F]{4}\.){2}[0-9a-fA-F]{4}$/.test(v),
  uri: (v) => parseUrl(v) !== undefined,
  date: (v) => {
    const time = Date.parse(`${v}T00:00:00Z`);
    return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
  },
  duration: (v) => /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(v) || v === "0",
  hexcolor: (v) => /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v),
  rgbcolor: (v) => /^rgb\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*\)$/.test(v),
  bsonobjectid: (v) => /^[0-9a-fA-F]{24}$/.test(v),
  byte: (v) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v),
};

/** Whether `value` has the named format; true for a format the API server does not check. */
export function hasFormat(format: string, value: string): boolean {
  const check = FORMATS[format];
  return !check || value.length > 10_000 || check(value);
}
