/**
 * Values as the author meant them where the lexer repaired the text (`flywheel-lexer.ts`): an
 * arrow or a kind is the keyword its token stands for (`=>` is `->`, `qualty` is `quality`), and
 * a label is its text whether it was closed, or quoted with `'` or `“ ”`.
 */
import { type CstNode, CstUtils, DefaultValueConverter, type GrammarAST, type ValueType, ValueConverter } from 'langium';

export class FlywheelValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'Arrow' || rule.name === 'Kind') {
            return CstUtils.flattenCst(cstNode).head()?.tokenType.name ?? input;
        }
        if (rule.name === 'STRING' && !/^"([^"\\]|\\.)*"$/.test(input)) {
            // Drop the opening quote, and the closing one if there is one; keep the escapes' meaning.
            const closed = input.length > 1 && /["'”’“]$/.test(input) && !input.endsWith('\\"');
            return ValueConverter.convertString(closed ? input : `${input}"`);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
