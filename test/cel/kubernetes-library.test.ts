import { describe, expect, it } from "vitest";
import { compileCel } from "../../src/cel/cel-program.js";

/** Evaluates `expression` with `self` bound; throws on a compile error so a bad case is obvious. */
function run(expression: string, self: unknown = null): unknown {
  const compiled = compileCel(expression, ["self"]);
  if (!compiled.ok) throw new Error(`${expression}: ${compiled.error.message}`);
  const result = compiled.program.evaluate({ self });
  return result.ok ? result.value : { error: result.message };
}

const cases: Record<string, [string, unknown][]> = {
  lists: [
    ["[1, 2, 2, 3].isSorted()", true],
    ["['b', 'a'].isSorted()", false],
    ["[1, 2, 3].sum()", 6n],
    ["[1.5, 2.5].sum()", 4],
    ["[].sum()", 0n],
    ["[3, 1, 2].min()", 1n],
    ["['a', 'c', 'b'].max()", "c"],
    ["[1, 2, 1].indexOf(1)", 0n],
    ["[1, 2, 1].lastIndexOf(1)", 2n],
    ["[1, 2].indexOf(9)", -1n],
    ["[1, 2, 1, 3].distinct()", [1n, 2n, 3n]],
    ["[[1], [2, 3]].flatten()", [1n, 2n, 3n]],
    ["[1, 2, 3].reverse()", [3n, 2n, 1n]],
    ["[1, 2, 3, 4].slice(1, 3)", [2n, 3n]],
    ["['b', 'c', 'a'].sort()", ["a", "b", "c"]],
    ["[5, 6].first().value()", 5n],
    ["[].last().hasValue()", false],
    ["lists.range(3)", [0n, 1n, 2n]],
  ],
  math: [
    ["math.greatest(1, 5, 3)", 5n],
    ["math.least([4, 2, 8])", 2n],
    ["math.ceil(1.2)", 2],
    ["math.floor(-1.2)", -2],
    ["math.round(2.5)", 3],
    ["math.abs(-3)", 3n],
    ["math.sign(-2.5)", -1],
    ["math.isNaN(0.0 / 0.0)", true],
  ],
  encoders: [
    ["base64.encode(b'hello')", "aGVsbG8="],
    ["string(base64.decode('aGVsbG8='))", "hello"],
    ["strings.quote('say \"hi\"')", '"say \\"hi\\""'],
    ["'%s has %d replicas (%.1f%%)'.format(['web', 3, 99.5])", "web has 3 replicas (99.5%)"],
    ["'%x'.format([255])", "ff"],
  ],
  sets: [
    ["sets.contains([1, 2, 3], [2, 3])", true],
    ["sets.contains([1, 2], [3])", false],
    ["sets.equivalent([1, 2, 2], [2, 1])", true],
    ["sets.intersects([1, 2], [2, 5])", true],
    ["sets.intersects([1], [])", false],
  ],
  strings: [
    ["'hello'.charAt(1)", "e"],
    ["'hello'.charAt(5)", ""],
    ["'a.b.c'.replace('.', '/')", "a/b/c"],
    ["'a.b.c'.replace('.', '/', 1)", "a/b.c"],
    ["'abc'.reverse()", "cba"],
    ["'Hello'.lowerAscii() + 'x'.upperAscii()", "helloX"],
    ["' x '.trim()", "x"],
    ["'a,b'.split(',')", ["a", "b"]],
    ["['a', 'b'].join('-')", "a-b"],
    ["'hello'.substring(1, 3)", "el"],
    ["'hello'.indexOf('l')", 2n],
    ["'hello'.lastIndexOf('l')", 3n],
  ],
  regex: [
    ["'abc 123 def 456'.find('[0-9]+')", "123"],
    ["'abc'.find('[0-9]+')", ""],
    ["'abc 123 def 456'.findAll('[0-9]+')", ["123", "456"]],
    ["'1 2 3'.findAll('[0-9]', 2)", ["1", "2"]],
    ["'web-1'.matches('^[a-z]+-[0-9]$')", true],
  ],
  url: [
    ["url('https://example.com:8443/a/b?x=1&x=2').getScheme()", "https"],
    ["url('https://example.com:8443/a/b').getHost()", "example.com:8443"],
    ["url('https://[::1]:80/').getHostname()", "::1"],
    ["url('https://example.com:8443/').getPort()", "8443"],
    ["url('https://example.com/a%20b').getEscapedPath()", "/a%20b"],
    ["url('https://example.com/?x=1&x=2&y=3').getQuery()", { x: ["1", "2"], y: ["3"] }],
    ["isURL('/just/a/path')", true],
    ["isURL('not a url')", false],
  ],
  quantity: [
    ["quantity('500m').isLessThan(quantity('1'))", true],
    ["quantity('1Gi').asInteger()", 1073741824n],
    ["quantity('1.5').isInteger()", false],
    ["quantity('2k').compareTo(quantity('2000'))", 0n],
    ["quantity('1Mi').add(quantity('1Mi')).isGreaterThan(quantity('2M'))", true],
    ["quantity('1').sub(2).sign()", -1n],
    ["quantity('250m').asApproximateFloat()", 0.25],
    ["quantity('1e3') == quantity('1k')", true],
    ["isQuantity('1.2.3')", false],
    ["isQuantity('-1.5Gi')", true],
    ["quantity('abc')", { error: expect.stringContaining("quantities must match") }],
  ],
  ip: [
    ["ip('10.0.0.1').family()", 4n],
    ["ip('2001:db8::1').family()", 6n],
    ["isIP('10.00.0.1')", false],
    ["isIP('::ffff:10.0.0.1')", false],
    ["ip('127.0.0.1').isLoopback()", true],
    ["ip('::').isUnspecified()", true],
    ["ip('169.254.1.1').isLinkLocalUnicast()", true],
    ["ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('224.0.0.1').isLinkLocalMulticast()", true],
    ["ip('8.8.8.8').isGlobalUnicast()", true],
    ["string(ip('2001:0db8:0:0:0:0:0:1'))", "2001:db8::1"],
    ["ip('10.0.0.1') == ip('10.0.0.1')", true],
    ["cidr('10.0.0.0/8').containsIP(ip('10.2.3.4'))", true],
    ["cidr('10.0.0.0/8').containsIP('11.0.0.1')", false],
    ["cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", true],
    ["cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')", false],
    ["cidr('10.1.2.3/16').masked() == cidr('10.1.0.0/16')", true],
    ["cidr('2001:db8::/32').prefixLength()", 32n],
    ["string(cidr('10.1.2.3/16').ip())", "10.1.2.3"],
    ["isCIDR('10.0.0.0/33')", false],
  ],
  semver: [
    ["semver('1.2.3').major()", 1n],
    ["semver('1.2.3').minor() + semver('1.2.3').patch()", 5n],
    ["semver('1.2.3-rc.1').isLessThan(semver('1.2.3'))", true],
    ["semver('1.10.0').isGreaterThan(semver('1.9.9'))", true],
    ["semver('1.0.0-alpha').compareTo(semver('1.0.0-alpha.1'))", -1n],
    ["semver('1.0.0+build') == semver('1.0.0')", true],
    ["isSemver('v1.2')", false],
    ["isSemver('v1.2', true)", true],
    ["isSemver('01.2.3')", false],
  ],
  format: [
    ["format.dns1123Label().validate('web-1').hasValue()", false],
    ["format.dns1123Label().validate('Web_1').value().size() > 0", true],
    ["format.dns1123Subdomain().validate('a.b.c').hasValue()", false],
    ["format.dns1035Label().validate('1abc').hasValue()", true],
    ["format.qualifiedName().validate('example.com/name').hasValue()", false],
    ["format.labelValue().validate('').hasValue()", false],
    ["format.uuid().validate('not-a-uuid').hasValue()", true],
    ["format.named('dns1123Label').hasValue()", true],
    ["format.named('nope').hasValue()", false],
  ],
};

describe("Kubernetes CEL libraries", () => {
  for (const [library, examples] of Object.entries(cases)) {
    describe(library, () => {
      for (const [expression, expected] of examples) it(expression, () => expect(run(expression)).toEqual(expected));
    });
  }

  it("work on values bound to self", () => {
    expect(run("self.limits.all(l, quantity(l).isLessThan(quantity('4Gi')))", { limits: ["1Gi", "3500Mi"] })).toBe(true);
    expect(run("self.cidrs.exists(c, cidr(c).containsIP(self.ip))", { cidrs: ["10.0.0.0/8"], ip: "10.9.9.9" })).toBe(true);
  });
});
