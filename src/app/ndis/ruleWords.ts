/**
 * The rule table in a reader's words. Its texts come from the reference and the decisions (npm run gen:rules),
 * written for the people who keep the playground: "UNVERIFIED", "engine: …", "checker: R8", option names. The
 * conformance panel says the same in words a teacher or a student reads: what Microsoft leaves undocumented, what
 * the emulator does, what the conformance checker flags, and which adapter option switches a choice.
 */

/** A rule's text with the reference's UNVERIFIED markers and checker notes said in words. */
export function ruleInWords(text: string): string {
  return text
    .replace(/\bchecker: warn\b/g, 'the conformance checker warns')
    .replace(/\(checker: /g, '(the conformance checker checks: ')
    .replace(/\bUNVERIFIED code\b/g, 'code not documented')
    .replace(/\bcode UNVERIFIED\b/g, 'code not documented')
    .replace(/\bUNVERIFIED which\b/g, 'which one is not documented')
    .replace(/\bUNVERIFIED\b/g, 'not documented');
}

/** How the playground keeps a rule, in words: the emulator, the conformance checker, the adapter options. */
export function keptInWords(kept: string): string {
  const sentence = ruleInWords(kept)
    .replace(/\s*\(src\/[^)]*\)/g, '')
    .replace(/\b([a-z]+(?:[A-Z][a-z]*)+(?:Status|Filter))\b/g, 'the adapter option $1')
    .replace(/^engine refuses\b/, 'the emulator refuses it')
    .replace(/^engine\b/, 'the emulator')
    .replace(/\bchecker: /g, 'the conformance checker flags ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
