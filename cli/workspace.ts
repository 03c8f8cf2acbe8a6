/**
 * Loads source files into the language's services and builds them, so every command works on
 * exactly the documents, AST and diagnostics the language server has.
 */
import { resolve } from 'node:path';
import { EmptyFileSystem, type LangiumDocument, URI } from 'langium';
import type { Model } from '../language/generated/ast.js';
import { createFlywheelCoreServices, type FlywheelCoreServices } from '../language/flywheel-module.js';
import type { SourceFile } from './files.js';

export interface LoadedFile {
    file: SourceFile;
    document: LangiumDocument<Model>;
}

export function createCliServices(): FlywheelCoreServices {
    // Documents come from the files the CLI read itself, so no file system access is needed.
    return createFlywheelCoreServices(EmptyFileSystem).Flywheel;
}

export async function loadFiles(services: FlywheelCoreServices, files: SourceFile[], validation = true): Promise<LoadedFile[]> {
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const loaded = files.map(file => ({
        file,
        document: factory.fromString<Model>(file.text, URI.file(resolve(file.path)))
    }));
    for (const { document } of loaded) services.shared.workspace.LangiumDocuments.addDocument(document);
    await services.shared.workspace.DocumentBuilder.build(loaded.map(l => l.document), { validation });
    return loaded;
}
