/**
 * Plain scalars that YAML 1.1 (what kubectl and most Go tooling read) and YAML 1.2 (what
 * kforge and many editors read) resolve to different values.
 */
const BOOL_11 = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const OCTAL_11 = /^[-+]?0[0-7_]+$/;
const BINARY_11 = /^[-+]?0b[01_]+$/;
const SEXAGESIMAL_11 = /^[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/;
const UNDERSCORE_NUMBER_11 = /^[-+]?[0-9][0-9_]*_[0-9_]*(\.[0-9_]*)?$/;

/** Returns how YAML 1.1 reads `plain` when that differs from YAML 1.2, else undefined. */
export function yaml11Reading(plain: string): string | undefined {
  if (BOOL_11.test(plain)) {
    return /^(y|yes|on)$/i.test(plain) ? "the boolean true" : "the boolean false";
  }
  if (OCTAL_11.test(plain) && /[1-7]/.test(plain) === true && plain.replace(/[-+_]/g, "").length > 1) {
    return `the octal number ${parseInt(plain.replace(/_/g, ""), 8)}`;
  }
  if (BINARY_11.test(plain)) return `the binary number ${parseInt(plain.replace(/^[-+]?0b|_/g, ""), 2)}`;
  if (SEXAGESIMAL_11.test(plain)) return "a base-60 number";
  if (UNDERSCORE_NUMBER_11.test(plain)) return "a number with the underscores dropped";
  return undefined;
}
