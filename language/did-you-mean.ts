/** "Did you mean …?": the candidates closest to a mistyped word, by edit distance, ignoring case. */
import editDistance from 'damerau-levenshtein';

/** Longer words may be further off: a typo per few letters. Two-letter words only by case. */
function allowedDistance(word: string): number {
    if (word.length <= 2) return 0;
    if (word.length <= 4) return 1;
    return word.length <= 8 ? 2 : 3;
}

/** Names this long are not typed by hand; comparing them would only cost time. */
const LONGEST_COMPARED = 64;

/**
 * The candidates within a typo or two of `word` (case-insensitive), closest first, at most
 * `limit`; `word` itself is never suggested.
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
    if (word.length > LONGEST_COMPARED) return [];
    const lower = word.toLowerCase();
    const allowed = allowedDistance(word);
    const scored: Array<{ candidate: string; distance: number }> = [];
    for (const candidate of new Set(candidates)) {
        if (candidate === word || candidate.length > LONGEST_COMPARED || Math.abs(candidate.length - word.length) > allowed) continue;
        const distance = editDistance(lower, candidate.toLowerCase()).steps;
        if (distance <= allowed) scored.push({ candidate, distance });
    }
    return scored.sort((a, b) => a.distance - b.distance).slice(0, limit).map(s => s.candidate);
}
