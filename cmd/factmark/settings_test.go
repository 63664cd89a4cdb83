package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSettingsSetAndShow: each key is set from the command line, shown by
// itself and in the list, and read back by the store as the desk reads it.
func TestSettingsSetAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	annotateSample(t, db)
	tests := []struct {
		key, value, shown string
	}{
		{"annotator", "Ana Núñez", "Ana Núñez"},
		{"organization.name", " Brennport Fact Desk ", "Brennport Fact Desk"},
		{"organization.url", "https://factdesk.example/", "https://factdesk.example/"},
		{"review.url", "https://factdesk.example/fact-check/{year}/{slug}", "https://factdesk.example/fact-check/{year}/{slug}"},
		{"theme", "dark", "dark"},
		{"theme", "system", "system"},
		{"text.size", "20", "20"},
		{"text.size", "default", "default"},
		{"approvals.required", "2", "2"},
		{"approvals.required", " 9 ", "9"},
		{"approvals.required", "1", "1"},
		{"annotator", "", ""},
	}
	for _, tt := range tests {
		mustRun(t, "--db", db, "settings", tt.key, tt.value)
		if got := mustRun(t, "--db", db, "settings", tt.key); got != tt.shown+"\n" {
			t.Errorf("settings %s after setting %q: %q, want %q", tt.key, tt.value, got, tt.shown)
		}
		list := mustRun(t, "--db", db, "settings")
		if !strings.Contains(list, tt.key) || !strings.Contains(list, tt.shown) {
			t.Errorf("settings list lacks %s %s:\n%s", tt.key, tt.shown, list)
		}
	}
	list := mustRun(t, "--db", db, "settings")
	for _, key := range []string{"annotator", "organization.name", "organization.url", "review.url", "theme", "text.size", "approvals.required", "scale"} {
		if !strings.Contains(list, key+" ") {
			t.Errorf("settings list lacks %s:\n%s", key, list)
		}
	}
}

// TestSettingsRefusesAndChangesNothing: unknown keys, bad values, unknown
// scales and bad custom scales are refused with an error that says what is
// allowed, and the settings stay as they were.
func TestSettingsRefusesAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	scaleFile := func(name, json string) string { return writeFile(t, dir, name, []byte(json)) }
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, `unknown setting "frobnicate": the settings are annotator, organization.name, organization.url, review.url, theme, text.size, approvals.required, scale`},
		{[]string{"approvals.required", "0"}, 1, `approvals.required: "0" is not a number of reviewers from 1 to 9`},
		{[]string{"approvals.required", "10"}, 1, `approvals.required: "10" is not a number of reviewers from 1 to 9`},
		{[]string{"approvals.required", "two"}, 1, `approvals.required: "two" is not`},
		{[]string{"frobnicate", "x"}, 2, "unknown setting"},
		{[]string{"theme", "blue"}, 1, `theme: "blue" is not system, light or dark; nothing was changed`},
		{[]string{"text.size", "200"}, 1, `text.size: "200" is not default, or points from 9 to 40`},
		{[]string{"text.size", "big"}, 1, `text.size: "big" is not`},
		{[]string{"organization.url", "factdesk.example"}, 1, `organization.url: "factdesk.example" is not an http(s) URL`},
		{[]string{"review.url", "https://factdesk.example/fact-check/"}, 1, `review.url: "https://factdesk.example/fact-check/" has no {slug} or {id}`},
		{[]string{"review.url", "https://factdesk.example/{title}"}, 1, `{title} is not a placeholder (the placeholders are {slug}, {id}, {date}, {year}, {month}, {day})`},
		{[]string{"review.url", "javascript:alert(1)//{slug}"}, 1, `review.url: "javascript:alert(1)//{slug}" is not an http(s) URL`},
		{[]string{"annotator", "Ana\x1b[5m"}, 1, "annotator"},
		{[]string{"annotator", "a", "b"}, 2, `unexpected argument "b"`},
		{[]string{"scale", "truthometer"}, 2, `unknown scale "truthometer": the presets are default, politifact, snopes, afp, aap, fullfact, or give a custom one with --from FILE.json`},
		{[]string{"theme", "--from", "x.json"}, 2, "--from and --map go with the key scale"},
		{[]string{"scale", "--map", "A=B"}, 2, "--map needs the new scale"},
		{[]string{"scale", "politifact", "--map", "Mostly true"}, 2, `--map: "Mostly true" is not OLD=NEW`},
		{[]string{"scale", "politifact", "--map", "Mostly true=Mostly true"}, 1, `"Mostly true" is not on the new scale "PolitiFact Truth-O-Meter"`},
		{[]string{"scale", "politifact", "--map", "Nope=True"}, 1, `"Nope" is not a verdict of this project`},
		{[]string{"scale", "afp", "--from", "x.json"}, 2, "not both"},
		{[]string{"scale", "--from", filepath.Join(dir, "missing.json")}, 1, "missing.json"},
		{[]string{"scale", "--from", scaleFile("dup.json", `{"name": "Ours", "verdicts": [{"label": "True", "value": 2}, {"label": "True", "value": 1}]}`)},
			1, `dup.json: scale.verdicts[1]: label "True" appears twice`},
		{[]string{"scale", "--from", scaleFile("order.json", `{"name": "Ours", "verdicts": [{"label": "False", "value": 1}, {"label": "True", "value": 2}]}`)},
			1, `order.json: scale.verdicts[1]: value 2 of "True" is out of order`},
		{[]string{"scale", "--from", scaleFile("blank.json", `{"name": "Ours", "verdicts": [{"label": " ", "value": 1}]}`)},
			1, `blank.json: scale.verdicts[0]: label is empty`},
		{[]string{"scale", "--from", scaleFile("noname.json", `{"verdicts": [{"label": "True", "value": 1}]}`)},
			1, `noname.json: scale.name: is empty`},
		{[]string{"scale", "--from", scaleFile("extra.json", `{"name": "Ours", "retired": [], "verdicts": [{"label": "True", "value": 1}]}`)},
			1, `extra.json: is not a scale: json: unknown field "retired"`},
		{[]string{"scale", "--from", scaleFile("bad.json", `{"name": `)}, 1, "bad.json: is not a scale"},
	}
	before := mustRun(t, "--db", db, "settings")
	scales := mustRun(t, "--db", db, "settings", "scale")
	doc := mustRun(t, "--db", db, "export")
	for _, tt := range tests {
		code, _, errOut := factmark(t, append([]string{"--db", db, "settings"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("settings %q: exit %d, stderr %q; want exit %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	if after := mustRun(t, "--db", db, "settings"); after != before {
		t.Errorf("refused settings changed them:\n%s\nwas\n%s", after, before)
	}
	if after := mustRun(t, "--db", db, "settings", "scale"); after != scales {
		t.Errorf("refused settings changed the scale:\n%s", after)
	}
	if after := mustRun(t, "--db", db, "export"); after != doc {
		t.Error("refused settings changed the project's export")
	}
}

// TestSettingsScaleSwitch: switching to each preset by its plain name, with
// the sample's note on "Mostly true" in use: without a map the note keeps its
// label and is flagged, with one it is relabelled; the export carries the
// verdict either way and reads back.
func TestSettingsScaleSwitch(t *testing.T) {
	tests := []struct {
		args    []string
		current string // the preset marked in 'settings scale'
		verdict string // the note's verdict afterwards
		flagged bool
		stderr  string
	}{
		{[]string{"politifact"}, "politifact", "Mostly true", true, `kept "Mostly true", not on the new scale: its notes are flagged`},
		{[]string{"politifact", "--map", "Mostly true=Mostly True"}, "politifact", "Mostly True", false, `relabelled "Mostly true" as "Mostly True"`},
		{[]string{"snopes", "--map", "Mostly true = Mixture, Misleading=Mixture"}, "snopes", "Mixture", false, `relabelled "Mostly true" as "Mixture"`},
		{[]string{"afp"}, "afp", "Mostly true", true, "kept"},
		{[]string{"aap", "--map=Mostly true=Mostly True"}, "aap", "Mostly True", false, "relabelled"},
		{[]string{"fullfact"}, "fullfact", "Mostly true", false, "scale set to fullfact"},
		{[]string{"default"}, "default", "Mostly true", false, "scale set to default"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			annotateSample(t, db)
			code, _, errOut := factmark(t, append([]string{"--db", db, "settings", "scale"}, tt.args...)...)
			if code != 0 || !strings.Contains(errOut, tt.stderr) {
				t.Fatalf("exit %d, stderr %q; want %q", code, errOut, tt.stderr)
			}
			list := mustRun(t, "--db", db, "settings", "scale")
			if !strings.Contains(list, "*  "+tt.current+" ") {
				t.Errorf("settings scale does not mark %s:\n%s", tt.current, list)
			}
			if got := strings.Contains(list, "1 notes flagged"); got != tt.flagged {
				t.Errorf("flagged shown %v, want %v:\n%s", got, tt.flagged, list)
			}
			doc := exportDoc(t, db)
			if n := doc.Articles[0].Notes[0]; n.Verdict != tt.verdict || doc.Scale.Flagged(n.Verdict) != tt.flagged {
				t.Errorf("exported verdict %q (flagged %v), want %q (%v)", n.Verdict, doc.Scale.Flagged(n.Verdict), tt.verdict, tt.flagged)
			}
			if !strings.Contains(mustRun(t, "--db", db, "settings", "scale"), "Current scale: "+doc.Scale.Name) {
				t.Error("the current scale is not named")
			}
		})
	}
}

// TestSettingsCustomScale: a custom scale from a file replaces the preset,
// and is listed as custom.
func TestSettingsCustomScale(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	file := writeFile(t, dir, "ours.json", []byte(`{"name": "Desk scale", "verdicts": [
		{"label": "Correct", "value": 3, "explanation": "Right on every count."},
		{"label": "Wrong", "value": 1, "explanation": "The figures say otherwise."},
		{"label": "Cannot say", "value": 0}]}`))
	mustRun(t, "--db", db, "settings", "scale", "--from", file, "--map", "Mostly true=Correct")
	list := mustRun(t, "--db", db, "settings", "scale")
	for _, want := range []string{`\*\s+custom\s+Desk scale\s+Correct, Wrong, Cannot say\n`, `3\s+Correct\s+Right on every count\.`,
		`Current scale: Desk scale \(custom, version 1\)`} {
		if !regexp.MustCompile(want).MatchString(list) {
			t.Errorf("settings scale lacks %q:\n%s", want, list)
		}
	}
	if got := mustRun(t, "--db", db, "settings"); !strings.Contains(got, "custom: Desk scale (version 1)") {
		t.Errorf("settings list:\n%s", got)
	}
	if v := exportDoc(t, db).Articles[0].Notes[0].Verdict; v != "Correct" {
		t.Errorf("verdict %q", v)
	}
}

// TestSettingsOnMissingAndLockedProjects: showing never creates a project;
// setting while another program holds the write lock fails with the store's
// message and changes nothing.
func TestSettingsOnMissingAndLockedProjects(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "none.db")
	for _, args := range [][]string{{"settings"}, {"settings", "theme"}, {"settings", "scale"}} {
		code, _, errOut := factmark(t, append([]string{"--db", missing}, args...)...)
		if code != 1 || !strings.Contains(errOut, "there is no Factmark project at") {
			t.Errorf("%v on a missing project: exit %d, %q", args, code, errOut)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%v created the project", args)
		}
	}
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	before := mustRun(t, "--db", db, "settings")
	holdLock(t, db)
	for _, args := range [][]string{{"settings", "theme", "dark"}, {"settings", "scale", "politifact"}} {
		code, _, errOut := factmark(t, append([]string{"--db", db}, args...)...)
		if code != 1 || !strings.Contains(errOut, "factmark settings: ") {
			t.Errorf("%v while locked: exit %d, %q", args, code, errOut)
		}
	}
	if after := mustRun(t, "--db", db, "settings"); after != before {
		t.Errorf("settings changed while locked:\n%s", after)
	}
}

// TestSettingsReadOnlyProject: a project user nobody cannot write shows its
// settings and refuses to set them, saying it is read-only.
func TestSettingsReadOnlyProject(t *testing.T) {
	root, binary := nobodyDir(t)
	if binary == "" {
		t.Skip("needs root, to run as user nobody")
	}
	dir := filepath.Join(root, "project")
	os.Mkdir(dir, 0o755)
	db := filepath.Join(dir, "p.db")
	annotateSample(t, db)
	os.Chmod(db, 0o444)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	tests := []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"settings"}, 0, "scale", ""},
		{[]string{"settings", "scale"}, 0, "Current scale: Factmark default", ""},
		{[]string{"settings", "theme", "dark"}, 1, "", "the project " + db + " is read-only: "},
		{[]string{"settings", "scale", "politifact"}, 1, "", "the project " + db + " is read-only: "},
	}
	for _, tt := range tests {
		code, stderr, stdout := runAsNobodyOutput(t, binary, append([]string{"--db", db}, tt.args...))
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
			t.Errorf("%v as nobody: exit %d\nstdout %q\nstderr %q", tt.args, code, stdout, stderr)
		}
	}
}

// TestSettingsScaleClaimReview: ClaimReview rates a verdict on the current
// scale with its value and the scale's range, and gives a flagged verdict or a
// conclusion by its text alone.
func TestSettingsScaleClaimReview(t *testing.T) {
	tests := []struct {
		args []string
		want string // the reviewRating
	}{
		{[]string{"politifact", "--map", "Mostly true=Mostly True"},
			`{"@type":"Rating","alternateName":"Mostly True","ratingValue":5,"bestRating":6,"worstRating":1,"ratingExplanation":"Timetables give 43 and 19 minutes."}`},
		{[]string{"politifact"}, `{"@type":"Rating","alternateName":"Mostly true","ratingExplanation":"Timetables give 43 and 19 minutes."}`},
		{[]string{"fullfact", "--map", "Mostly true=The journey takes 43 minutes, not 41."},
			`{"@type":"Rating","alternateName":"The journey takes 43 minutes, not 41.","ratingExplanation":"Timetables give 43 and 19 minutes."}`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "p.db")
			annotateSample(t, db)
			mustRun(t, append([]string{"--db", db, "settings", "scale"}, tt.args...)...)
			var doc struct {
				Graph []struct {
					ReviewRating json.RawMessage `json:"reviewRating"`
				} `json:"@graph"`
			}
			if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "export", "--format", "claimreview")), &doc); err != nil {
				t.Fatal(err)
			}
			var compact bytes.Buffer
			if len(doc.Graph) != 1 || json.Compact(&compact, doc.Graph[0].ReviewRating) != nil || compact.String() != tt.want {
				t.Errorf("reviewRating %s, want %s", compact.String(), tt.want)
			}
		})
	}
}

func TestParseMap(t *testing.T) {
	tests := []struct {
		values []string
		want   map[string]string
		err    string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"A=B"}, map[string]string{"A": "B"}, ""},
		{[]string{" Mostly True = True , Half True=Mixture,"}, map[string]string{"Mostly True": "True", "Half True": "Mixture"}, ""},
		{[]string{"A=B", "C=D"}, map[string]string{"A": "B", "C": "D"}, ""},
		{[]string{"A=43 minutes, not 41.,B=C"}, map[string]string{"A": "43 minutes, not 41.", "B": "C"}, ""},
		{[]string{"A=B,A=B"}, map[string]string{"A": "B"}, ""},
		{[]string{"A=B,A=C"}, nil, `"A" is mapped twice`},
		{[]string{"=B"}, nil, `"=B" is not OLD=NEW`},
		{[]string{"A"}, nil, `"A" is not OLD=NEW`},
	}
	for _, tt := range tests {
		got, err := parseMap(tt.values)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("parseMap(%q) error %v, want %q", tt.values, err, tt.err)
			}
			continue
		}
		if err != nil || !maps.Equal(got, tt.want) {
			t.Errorf("parseMap(%q) = %v, %v; want %v", tt.values, got, err, tt.want)
		}
	}
}

func TestSettingsHelp(t *testing.T) {
	code, out, _ := factmark(t, "settings", "--help")
	for _, want := range []string{"Usage: factmark settings [KEY [VALUE]]", "politifact", "--from FILE.json", "-map"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("settings --help: exit %d, stdout lacks %q:\n%s", code, want, out)
		}
	}
	if _, out, _ := factmark(t, "--help"); !strings.Contains(out, "settings show or set") {
		t.Errorf("the command list lacks settings:\n%s", out)
	}
}
