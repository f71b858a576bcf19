// Written by `build.py schema` from the page-type registry: do not edit by hand.
// Checks front matter against schema/*.schema.json while a contributor types,
// in VS Code with the remark extension (unifiedjs.vscode-remark), and on the
// command line: npx remark content --quiet --frail
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {
        './schema/case-study.schema.json': ['./content/case-studies/*.md'],
        './schema/recommendation.schema.json': ['./content/recommendations/*.md'],
        './schema/framework.schema.json': ['./content/frameworks/*.md'],
        './schema/programme.schema.json': ['./content/programmes/*.md'],
        './schema/concept.schema.json': ['./content/concepts/*.md'],
        './schema/source.schema.json': ['./content/sources/*.md'],
        './schema/pack.schema.json': ['./content/packs/*.md'],
        './schema/guide.schema.json': ['./content/guides/*.md'],
        './schema/resource.schema.json': ['./content/resources/*.md'],
      },
    }],
  ],
};
