package interchange

import (
	_ "embed"

	"github.com/factmark/factmark/annotate"
)

// NativeSchema is the JSON Schema (draft 2020-12) of the native document's
// latest version (factmark/2) that WriteDocument writes, kept beside the code
// so that the CLI and the tests check exports against the same file that is
// published with the format. It describes the shape of a document; the rules
// a schema cannot express (quotes match the text, references resolve, IDs are
// unique) are Document.Validate's. Treat it as read-only.
//
//go:embed schema/factmark-2.schema.json
var NativeSchema []byte

// NativeSchemaV1 is the schema of factmark/1, as it was published: the
// version WriteDocument writes for documents without pages, turns or source
// files, which older Factmarks read.
//
//go:embed schema/factmark-1.schema.json
var NativeSchemaV1 []byte

// NativeSchemaOf is the schema of the given version of the native document
// ("factmark/1" or "factmark/2"), or nil for a version Factmark does not know.
func NativeSchemaOf(format string) []byte {
	switch format {
	case annotate.NativeFormat:
		return NativeSchema
	case annotate.NativeFormatV1:
		return NativeSchemaV1
	}
	return nil
}
