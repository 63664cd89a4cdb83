package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/annotate/suggest"
	"github.com/factmark/factmark/interchange"
)

// runSuggest writes suggestions for text files, without the project
// database: the speakers it names are the texts' own, not the registry's.
func runSuggest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "suggest", "[--min-score S] --format brat|json [--out DIR] FILE.txt...")
	format := fs.String("format", "brat", "the output `format`: brat (standoff .ann) or json")
	minScore := fs.Float64("min-score", suggest.MinClaimScore, "emit sentences scoring at least `S` (0–1) as claims; 0 emits every sentence")
	outDir := fs.String("out", "", "write DIR/<name>.ann (or .json) for each <name>.txt instead of standard output")
	files, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return fmt.Errorf("no FILE given: %w", errUsage)
	case *format != "brat" && *format != "json":
		return fmt.Errorf("unknown format %q (known: brat, json): %w", *format, errUsage)
	case *minScore < 0 || *minScore > 1:
		return fmt.Errorf("--min-score %v is not between 0 and 1: %w", *minScore, errUsage)
	}
	sg, err := suggest.New()
	if err != nil {
		return err
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			return err
		}
	}
	for _, f := range files {
		out, err := suggestFile(ctx, sg, f, *format, *minScore)
		var named errNamesFile
		if errors.As(err, &named) {
			return named.err
		} else if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if *outDir == "" {
			if err := e.writeData(out); err != nil {
				return err
			}
			continue
		}
		ext := ".ann"
		if *format == "json" {
			ext = ".json"
		}
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + ext
		if err := writeFileAtomic(nil, filepath.Join(*outDir, name), out); err != nil {
			return err
		}
	}
	return nil
}

// errNamesFile is an error that names its file already.
type errNamesFile struct{ err error }

func (e errNamesFile) Error() string { return e.err.Error() }
func (e errNamesFile) Unwrap() error { return e.err }

// suggestFile returns the suggestions for one text file, formatted.
func suggestFile(ctx context.Context, sg *suggest.Suggester, path, format string, minScore float64) ([]byte, error) {
	raw, err := readInput(path, annotate.MaxTextBytes)
	if err != nil {
		return nil, errNamesFile{err}
	}
	s, err := annotate.NormalizeText(raw)
	if err != nil {
		return nil, err
	}
	text := annotate.NewText(s)
	res, err := sg.Suggest(ctx, text, nil, nil)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if format == "json" {
		err = writeSuggestJSON(&buf, path, res, minScore)
	} else {
		err = writeSuggestBrat(&buf, s, res, minScore)
	}
	return buf.Bytes(), err
}

// writeSuggestBrat writes the suggestions with the corpus conventions:
// Source/Cue/Content spans and Attribution events, speakers in notes, and a
// Claim span with a score note for each sentence scoring at least minScore.
func writeSuggestBrat(buf *bytes.Buffer, text string, res *suggest.Result, minScore float64) error {
	ad := &annotate.ArticleDoc{Article: annotate.Article{Text: text}}
	speakers := map[string]annotate.Speaker{}
	for _, a := range res.Attributions {
		at := a.Attribution
		if at.SpeakerID == "" && a.Speaker != "" {
			sp, ok := speakers[a.Speaker]
			if !ok {
				// A stable ID per name, so the same text gives the same file.
				sp = annotate.Speaker{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(a.Speaker)).String(), Name: a.Speaker}
				speakers[a.Speaker] = sp
			}
			at.SpeakerID = sp.ID
		}
		ad.Attributions = append(ad.Attributions, at)
	}
	for i := range res.Sentences {
		if s := &res.Sentences[i]; s.Score >= minScore {
			ad.Claims = append(ad.Claims, s.Claim())
		}
	}
	list := make([]annotate.Speaker, 0, len(speakers))
	for _, sp := range speakers {
		list = append(list, sp)
	}
	return interchange.WriteBrat(buf, ad, list)
}

// jsonSuggestion is one attribution in the json output.
type jsonSuggestion struct {
	Source     *annotate.Anchor  `json:"source,omitempty"`
	Cue        *annotate.Anchor  `json:"cue,omitempty"`
	Content    []annotate.Anchor `json:"content"`
	Kind       annotate.Kind     `json:"kind"`
	Speaker    string            `json:"speaker,omitempty"`
	Mention    string            `json:"mention,omitempty"`
	Confidence float64           `json:"confidence"`
	Reason     string            `json:"reason"`
}

type jsonSentence struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	Text    string   `json:"text"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

func writeSuggestJSON(buf *bytes.Buffer, path string, res *suggest.Result, minScore float64) error {
	out := struct {
		File         string           `json:"file"`
		Attributions []jsonSuggestion `json:"attributions"`
		Claims       []jsonSentence   `json:"claims"`
	}{File: path, Attributions: []jsonSuggestion{}, Claims: []jsonSentence{}}
	for _, a := range res.Attributions {
		out.Attributions = append(out.Attributions, jsonSuggestion{
			Source: a.Source, Cue: a.Cue, Content: a.Content, Kind: a.Kind, Speaker: a.Speaker,
			Mention: a.Mention, Confidence: a.Confidence, Reason: a.Reason,
		})
	}
	for _, s := range res.Sentences {
		if s.Score >= minScore {
			out.Claims = append(out.Claims, jsonSentence{s.Anchor.Start, s.Anchor.End, s.Anchor.Exact, s.Score, s.Reasons})
		}
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
