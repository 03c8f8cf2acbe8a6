/**
 * The ```` ```fly ```` blocks of a Markdown file, found with markdown-it (the parser VS Code's
 * Markdown preview uses, so the command line sees exactly the blocks the preview draws: fences
 * inside lists and block quotes, `~~~` fences, longer fences around shorter ones, a fence left
 * open to the end of the file), and positions inside a block moved back to the Markdown file's
 * own lines and columns. Loaded only when a Markdown file is given or found.
 */
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import { isFlyFence } from '../language/markdown-fence.js';
import type { SourceFile } from './files.js';

export interface FlyBlock {
    /** The block's text, as markdown-it gives it (block-quote markers and list indentation removed). */
    text: string;
    /** 0-based line of the Markdown file holding the block's first line. */
    firstLine: number;
    /** Per line of the block: what to add to a column in the block to get the column in the Markdown file. */
    columnShift: number[];
}

/** A block as a document of its own, and how its diagnostics map back to the Markdown file. */
export interface BlockSource {
    source: SourceFile;
    /** The block's number in its file, from 1. */
    number: number;
    toFile: (diagnostic: Diagnostic) => Diagnostic;
}

let parser: MarkdownIt | undefined;

export function flyBlocks(markdown: string): FlyBlock[] {
    parser ??= new MarkdownIt();
    const lines = markdown.split(/\r\n|\r|\n/);
    return parser.parse(markdown, {})
        .filter(token => token.type === 'fence' && token.map && isFlyFence(token.info))
        .map(token => {
            const firstLine = token.map![0] + 1;
            const columnShift = token.content.split('\n').map((line, i) => shiftOf(lines[firstLine + i] ?? '', line));
            return { text: token.content, firstLine, columnShift };
        });
}

/**
 * Where a block's line sits in the Markdown line: after the markers markdown-it removed. When it
 * widened a tab into spaces, the text after the indentation still ends both lines.
 */
function shiftOf(markdownLine: string, blockLine: string): number {
    return markdownLine.endsWith(blockLine.trimStart()) ? markdownLine.length - blockLine.length : 0;
}

/**
 * Whether a Markdown file found in a folder holds a ```fly block, read leniently: a README that
 * is not UTF-8 and holds no flywheel is not this command's business. One that cannot be read at
 * all may hold one: reading it for real reports why it cannot.
 */
export function mayHoldFlyBlocks(path: string): boolean {
    let bytes: Buffer;
    try {
        bytes = readFileSync(path);
    } catch {
        return true;
    }
    return flyBlocks(new TextDecoder().decode(bytes)).length > 0;
}

/** Each block as a document of its own (`doc.md#2.fly` is the second block). */
export function blockSources(file: SourceFile): BlockSource[] {
    return flyBlocks(file.text).map((block, i) => ({
        source: { path: `${file.path}#${i + 1}.fly`, text: block.text, bom: false },
        number: i + 1,
        toFile: diagnostic => ({ ...diagnostic, range: rangeInMarkdown(diagnostic.range, block) })
    }));
}

function rangeInMarkdown(range: Range, block: FlyBlock): Range {
    return { start: positionInMarkdown(range.start, block), end: positionInMarkdown(range.end, block) };
}

function positionInMarkdown(position: Position, block: FlyBlock): Position {
    const shift = block.columnShift[position.line] ?? 0;
    return { line: block.firstLine + position.line, character: Math.max(0, position.character + shift) };
}
