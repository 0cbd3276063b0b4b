// monaco-yaml's language worker (yaml-language-server: completion, hover, schema validation).
import 'monaco-yaml/yaml.worker.js';
