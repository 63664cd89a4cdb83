package interchange

import _ "embed"

// NativeSchema is the JSON Schema (draft 2020-12) of the native document that
// WriteDocument writes, kept beside the code so that the CLI and the tests
// check exports against the same file that is published with the format. It
// describes the shape of a document; the rules a schema cannot express (quotes
// match the text, references resolve, IDs are unique) are Document.Validate's.
// Treat it as read-only.
//
//go:embed schema/factmark-1.schema.json
var NativeSchema []byte
