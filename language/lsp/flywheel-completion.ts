/**
 * Completion: Langium's default, which already offers keywords and the current flywheel's names
 * (through the scope), plus the four arrows, which the default drops because they hold no letter.
 */
import type { GrammarAST } from 'langium';
import { type CompletionContext, DefaultCompletionProvider } from 'langium/lsp';

const ARROW_DETAILS: Record<string, string> = {
    '->': 'reinforces: more of the source, more of the target',
    '-|': 'dampens: more of the source, less of the target',
    '~>': 'reinforces, with a delay',
    '~|': 'dampens, with a delay'
};

export class FlywheelCompletionProvider extends DefaultCompletionProvider {
    protected override filterKeyword(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        return keyword.value in ARROW_DETAILS || super.filterKeyword(context, keyword);
    }
}
