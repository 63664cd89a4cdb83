package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/factmark/factmark/annotate"
	"github.com/factmark/factmark/store"
)

// setting is one key of 'factmark settings' besides scale: how it reads and
// sets its field of annotate.Settings, as the desk's settings dialog does.
type setting struct {
	key, values string // values: what VALUE may be, for errors and --help
	get         func(s *annotate.Settings) string
	set         func(s *annotate.Settings, v string) error
}

var settingsTable = []setting{
	{"annotator", "a name (empty: none)",
		func(s *annotate.Settings) string { return s.Annotator },
		func(s *annotate.Settings, v string) error { s.Annotator = v; return annotate.CheckLine("annotator", v) }},
	{"organization.name", "a name (empty: none)",
		func(s *annotate.Settings) string { return s.Organization },
		func(s *annotate.Settings, v string) error {
			s.Organization = v
			return annotate.CheckLine("organization.name", v)
		}},
	{"organization.url", "an http(s) URL (empty: none)",
		func(s *annotate.Settings) string { return s.OrganizationURL },
		setURL},
	{"review.url", "an http(s) URL with {slug} or {id} in it, such as https://example.org/fact-check/{slug} (empty: none)",
		func(s *annotate.Settings) string { return s.ReviewURL },
		setReviewURL},
	{"theme", "system, light or dark",
		func(s *annotate.Settings) string { return orDash(s.Theme, "system") },
		setTheme},
	{"text.size", fmt.Sprintf("default, or points from %d to %d", annotate.MinTextSize, annotate.MaxTextSize),
		func(s *annotate.Settings) string {
			if s.TextSize == 0 {
				return "default"
			}
			return strconv.FormatFloat(float64(s.TextSize), 'g', -1, 32)
		},
		setTextSize},
	{"approvals.required", fmt.Sprintf("a number of reviewers from 1 to %d", maxApprovals),
		func(s *annotate.Settings) string { return strconv.Itoa(max(s.ApprovalsRequired, 1)) },
		setApprovals},
}

// maxApprovals is the most approvals a project may require, as the desk's
// settings dialog offers them.
const maxApprovals = 9

// setApprovals sets how many different reviewers must approve a verdict.
func setApprovals(s *annotate.Settings, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxApprovals {
		return errBadValue
	}
	s.ApprovalsRequired = n
	return nil
}

// errBadValue is a VALUE its setting does not take; setSetting says which.
var errBadValue = errors.New("bad value")

func setURL(s *annotate.Settings, v string) error {
	if v != "" && !annotate.ValidURL(v) {
		return errBadValue
	}
	s.OrganizationURL = v
	return nil
}

// setReviewURL sets the review URL pattern; a bad one is refused with
// CheckReviewURLPattern's words, which say what is wrong in it.
func setReviewURL(s *annotate.Settings, v string) error {
	if err := annotate.CheckReviewURLPattern("review.url", v); err != nil {
		return err
	}
	s.ReviewURL = v
	return nil
}

func setTheme(s *annotate.Settings, v string) error {
	switch v {
	case "system":
		s.Theme = ""
	case "light", "dark":
		s.Theme = v
	default:
		return errBadValue
	}
	return nil
}

func setTextSize(s *annotate.Settings, v string) error {
	if v == "default" {
		s.TextSize = 0
		return nil
	}
	size, err := strconv.ParseFloat(v, 32)
	if err != nil || size < annotate.MinTextSize || size > annotate.MaxTextSize {
		return errBadValue
	}
	s.TextSize = float32(size)
	return nil
}

func orDash(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

const settingsSynopsis = `[KEY [VALUE]]

With no KEY, lists every setting; with KEY, shows it; with KEY VALUE, sets it.
Keys: annotator, organization.name, organization.url, review.url, theme
(system, light, dark), text.size (default, or points), approvals.required
(how many different reviewers must approve a verdict, 1 to 9), scale.

review.url is where the organisation publishes its fact-checks, for
ClaimReview's url, with placeholders filled in for each claim: {slug} (the
claim's words), {id} (the claim's ID), {date}, {year}, {month}, {day} (when
the verdict's note was written); it needs {slug} or {id}. A claim's own
review URL, set in the desk, wins.
  factmark settings review.url 'https://example.org/fact-check/{slug}'

  factmark settings scale                  the presets, and the current scale
  factmark settings scale PRESET           default, politifact, snopes, afp, aap, fullfact
  factmark settings scale --from FILE.json a custom scale:
      {"name": "…", "verdicts": [{"label": "True", "value": 3, "explanation": "…"}, …]}
  --map "OLD=NEW,…"  relabel the notes whose verdict is OLD; other verdicts the
                     new scale lacks keep their label and are flagged`

// runSettings shows and sets the project's settings.
func runSettings(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "settings", settingsSynopsis)
	from := fs.String("from", "", "set the scale to the custom one in `FILE.json`")
	var mapping []string
	fs.Func("map", "with scale: relabel notes, `OLD=NEW,…` (repeatable)", func(v string) error {
		mapping = append(mapping, v)
		return nil
	})
	rest, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 2 {
		return fmt.Errorf("unexpected argument %q (a VALUE with spaces needs quotes): %w", rest[2], errUsage)
	}
	if (*from != "" || len(mapping) > 0) && (len(rest) == 0 || rest[0] != "scale") {
		return fmt.Errorf("--from and --map go with the key scale: %w", errUsage)
	}
	switch {
	case len(rest) == 0:
		return showSettings(ctx, e)
	case rest[0] == "scale":
		return runScale(ctx, e, rest[1:], *from, mapping)
	}
	i := slices.IndexFunc(settingsTable, func(s setting) bool { return s.key == rest[0] })
	if i < 0 {
		return fmt.Errorf("unknown setting %q: the settings are %s: %w", rest[0], settingKeys(), errUsage)
	}
	if len(rest) == 1 {
		return showSetting(ctx, e, settingsTable[i])
	}
	return setSetting(ctx, e, settingsTable[i], rest[1])
}

func settingKeys() string {
	var keys []string
	for _, s := range settingsTable {
		keys = append(keys, s.key)
	}
	return strings.Join(append(keys, "scale"), ", ")
}

func readSettings(ctx context.Context, e *env) (annotate.Settings, *store.DB, error) {
	db, err := e.openExistingDB()
	if err != nil {
		return annotate.Settings{}, nil, err
	}
	s, err := db.Settings(ctx)
	if err != nil {
		db.Close()
		return s, nil, err
	}
	return s, db, nil
}

func showSettings(ctx context.Context, e *env) error {
	s, db, err := readSettings(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, st := range settingsTable {
		fmt.Fprintf(w, "%s\t%s\n", st.key, escapeField(st.get(&s)))
	}
	fmt.Fprintf(w, "scale\t%s\n", escapeField(scaleSummary(&s.Scale)))
	return w.Flush()
}

func showSetting(ctx context.Context, e *env, st setting) error {
	s, db, err := readSettings(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = fmt.Fprintln(e.stdout, escapeField(st.get(&s)))
	return err
}

// setSetting sets one setting through the store, as the desk's dialog does:
// a bad value changes nothing.
func setSetting(ctx context.Context, e *env, st setting, value string) error {
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Settings(ctx)
	if err != nil {
		return err
	}
	value = strings.TrimSpace(value)
	if err := st.set(&s, value); errors.Is(err, errBadValue) {
		return annotate.Errorf(annotate.EINVALID, "%s: %q is not %s; nothing was changed", st.key, value, st.values)
	} else if err != nil {
		return err
	}
	if err := db.UpdateSettings(ctx, s); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s set to %s\n", st.key, escapeField(orDash(st.get(&s), `""`)))
	return nil
}

// scaleSummary names the scale: its preset's key, or custom and its name.
func scaleSummary(s *annotate.Scale) string {
	name := s.PresetOf()
	if name == "" {
		name = "custom: " + s.Name
	}
	if s.Version > 0 {
		name += fmt.Sprintf(" (version %d)", s.Version)
	}
	return name
}

// scaleKind says what the scale is: a preset's key or custom, and its version.
func scaleKind(s *annotate.Scale) string {
	kind := orDash(s.PresetOf(), "custom")
	if kind != "custom" {
		kind = "preset " + kind
	}
	return fmt.Sprintf("%s, version %d", kind, s.Version)
}

// runScale lists the presets and the current scale, or sets the scale to a
// preset or to a custom one from a file.
func runScale(ctx context.Context, e *env, args []string, from string, mapping []string) error {
	if len(args) == 0 && from == "" {
		if len(mapping) > 0 {
			return fmt.Errorf("--map needs the new scale: a PRESET or --from FILE.json: %w", errUsage)
		}
		return showScales(ctx, e)
	}
	if len(args) > 0 && from != "" {
		return fmt.Errorf("give a PRESET or --from FILE.json, not both: %w", errUsage)
	}
	next, err := chosenScale(args, from)
	if err != nil {
		return err
	}
	m, err := parseMap(mapping)
	if err != nil {
		return err
	}
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	ch, err := db.ChangeScale(ctx, next, m)
	if err != nil {
		return err
	}
	printScaleChange(e.stderr, &ch)
	return nil
}

func chosenScale(args []string, from string) (annotate.Scale, error) {
	if from != "" {
		return readScaleFile(from)
	}
	s, ok := annotate.FindScalePreset(args[0])
	if !ok {
		return s, fmt.Errorf("unknown scale %q: the presets are %s, or give a custom one with --from FILE.json: %w",
			args[0], strings.Join(annotate.ScalePresetKeys(), ", "), errUsage)
	}
	return s, nil
}

// customScale is what a custom scale's file may hold.
type customScale struct {
	Name       string             `json:"name"`
	Conclusion bool               `json:"conclusion"`
	Verdicts   []annotate.Verdict `json:"verdicts"`
}

// maxScaleBytes bounds a custom scale's file: a scale is a few lines.
const maxScaleBytes = 1 << 20

func readScaleFile(path string) (annotate.Scale, error) {
	data, err := readInput(path, maxScaleBytes)
	if err != nil {
		return annotate.Scale{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c customScale
	if err := dec.Decode(&c); err != nil {
		return annotate.Scale{}, fmt.Errorf("%s: %w", path, annotate.Errorf(annotate.EINVALID,
			"is not a scale: %v; write {\"name\": \"…\", \"verdicts\": [{\"label\": \"…\", \"value\": 1, \"explanation\": \"…\"}]}", err))
	}
	s := annotate.Scale{Name: c.Name, Conclusion: c.Conclusion, Verdicts: c.Verdicts}
	if err := s.Validate(); err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	if err := s.CheckOrder(); err != nil {
		return s, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// parseMap reads --map values: OLD=NEW pairs, separated by commas. A
// piece without "=" continues the NEW before it, for a conclusion with a
// comma ("Mostly true=43 minutes, not 41.").
func parseMap(values []string) (map[string]string, error) {
	m := map[string]string{}
	for _, v := range values {
		for _, pair := range splitPairs(v) {
			from, to, ok := strings.Cut(pair, "=")
			from, to = strings.TrimSpace(from), strings.TrimSpace(to)
			switch {
			case strings.TrimSpace(pair) == "":
				continue
			case !ok || from == "":
				return nil, fmt.Errorf("--map: %q is not OLD=NEW: %w", pair, errUsage)
			case m[from] != "" && m[from] != to:
				return nil, fmt.Errorf("--map: %q is mapped twice: %w", from, errUsage)
			}
			m[from] = to
		}
	}
	return m, nil
}

func splitPairs(v string) []string {
	var pairs []string
	for _, piece := range strings.Split(v, ",") {
		if n := len(pairs); n > 0 && !strings.Contains(piece, "=") && strings.TrimSpace(piece) != "" {
			pairs[n-1] += "," + piece
			continue
		}
		pairs = append(pairs, piece)
	}
	return pairs
}

func printScaleChange(w io.Writer, ch *annotate.ScaleChange) {
	fmt.Fprintf(w, "scale set to %s\n", escapeField(scaleSummary(&ch.Scale)))
	for _, from := range slices.Sorted(maps.Keys(ch.Relabel)) {
		fmt.Fprintf(w, "  relabelled %q as %q\n", escapeField(from), escapeField(ch.Relabel[from]))
	}
	for _, label := range ch.Retained {
		fmt.Fprintf(w, "  kept %q, not on the new scale: its notes are flagged (map it with --map %q)\n",
			escapeField(label), escapeField(label)+"=NEW")
	}
}

// showScales lists the presets, marking the current one, then the current
// scale's verdicts with their values and explanations, and the retired
// labels notes still carry.
func showScales(ctx context.Context, e *env) error {
	s, db, err := readSettings(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	use, err := db.VerdictsInUse(ctx)
	if err != nil {
		return err
	}
	current := s.Scale.PresetOf()
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "\tPRESET\tNAME\tVERDICTS")
	for _, p := range annotate.ScalePresets() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", mark(p.Key == current), p.Key, p.Scale.Name, labelList(&p.Scale))
	}
	if current == "" {
		fmt.Fprintf(w, "*\tcustom\t%s\t%s\n", escapeField(s.Scale.Name), escapeField(labelList(&s.Scale)))
	}
	w.Flush()
	fmt.Fprintf(e.stdout, "\nCurrent scale: %s (%s)\n", escapeField(s.Scale.Name), scaleKind(&s.Scale))
	w = tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, v := range s.Scale.Verdicts {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", valueText(v.Value), escapeField(v.Label), escapeField(s.Scale.Explain(v.Label)))
	}
	for _, v := range s.Scale.Retired {
		if use[v.Label] == 0 {
			continue // relabelled since: dropped at the next change of scale
		}
		fmt.Fprintf(w, "  !\t%s\tnot on the current scale: %d notes flagged\n", escapeField(v.Label), use[v.Label])
	}
	return w.Flush()
}

func mark(b bool) string {
	if b {
		return "*"
	}
	return ""
}

func valueText(v int) string {
	if v == 0 {
		return "-"
	}
	return strconv.Itoa(v)
}

func labelList(s *annotate.Scale) string {
	if s.Conclusion {
		return "(a one-sentence conclusion for each claim)"
	}
	return strings.Join(s.Labels(), ", ")
}
