// Lint rules the build checks (npm run check:functions): functions at the heart stay short enough to read at once.
import tseslint from 'typescript-eslint';

export default tseslint.config({
  files: ['src/core/**/*.ts', 'src/ingest/**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  rules: {
    'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }],
  },
});
