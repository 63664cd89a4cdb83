package brief

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The real-browser check: headless Chromium (Debian's chromium package,
// which make deps installs) loads the HTML brief, and the test looks at
// what it did. Every request Chromium makes goes through a proxy of the
// test's, which counts them: a brief must make none. Console messages
// (a Content-Security-Policy violation, a script error) are in Chromium's
// log: a brief must cause none. Two control pages show the harness sees
// both, so that a quiet browser is not a blind one.

// chromium finds the browser, or skips the test saying how to get it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (make deps installs Debian's chromium package): the real-browser check of the HTML brief is skipped")
	return ""
}

// proxy counts the requests made through it and answers none of them.
type proxy struct {
	mu   sync.Mutex
	seen []string
}

// chromiumOwn are the requests Chromium makes of its own accord whatever
// the page, flags or no flags (its component updater, account check and
// network clock); they are not the page's. Nothing of a brief's would be
// on these hosts.
var chromiumOwn = map[string]bool{
	"CONNECT update.googleapis.com:443": true, "POST update.googleapis.com/service/update2/json": true,
	"CONNECT accounts.google.com:443": true, "GET clients2.google.com/time/1/current": true,
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req := r.Method + " " + r.Host + r.URL.Path
	p.mu.Lock()
	if !chromiumOwn[req] {
		p.seen = append(p.seen, req)
	}
	p.mu.Unlock()
	http.Error(w, "no network in this test", http.StatusForbidden)
}

func (p *proxy) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	seen := p.seen
	p.seen = nil
	return seen
}

type browser struct {
	t     *testing.T
	path  string
	proxy *proxy
	addr  string
	dir   string
}

func newBrowser(t *testing.T) *browser {
	path := chromium(t)
	p := &proxy{}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return &browser{t: t, path: path, proxy: p, addr: srv.Listener.Addr().String(), dir: t.TempDir()}
}

// run runs Chromium on the page with args, returning its log.
func (b *browser) run(page string, args ...string) (stdout []byte, log string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	all := append([]string{"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--user-data-dir=" + filepath.Join(b.dir, "profile"), "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
		"--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate,AutofillServerCommunication",
		"--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings", "--disable-breakpad",
		"--proxy-server=http://" + b.addr, "--proxy-bypass-list=<-loopback>",
		"--enable-logging=stderr", "--v=0"}, args...)
	cmd := exec.CommandContext(ctx, b.path, append(all, "file://"+page)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		b.t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
	}
	return out.Bytes(), errOut.String()
}

// consoleLine matches a console message in Chromium's log.
var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE(?:\(\d+\)|:\d+)\].*$`)

func (b *browser) page(name string, data []byte) string {
	p := filepath.Join(b.dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return p
}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real-browser check (headless Chromium, about 5 s) is skipped; make test runs it")
	}
	b := newBrowser(t)

	// The controls: a blank page makes no request but Chromium's own, a
	// page that fetches makes one, and a blocked script leaves a message.
	b.run(b.page("blank.html", []byte("<!DOCTYPE html><p>x")), "--dump-dom")
	if seen := b.proxy.take(); len(seen) > 0 {
		t.Fatalf("control: a blank page made requests Chromium's own do not account for: %v", seen)
	}
	b.run(b.page("fetch.html", []byte(`<!DOCTYPE html><p>x<img src="http://probe.example/x.png">`)), "--dump-dom")
	if seen := b.proxy.take(); len(seen) == 0 {
		t.Fatal("control: a page with an external image made no request through the proxy: the check is blind")
	}
	_, log := b.run(b.page("csp.html", []byte(`<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><script>1</script>`)), "--dump-dom")
	if !consoleLine.MatchString(log) {
		t.Fatalf("control: a blocked script left no console message in the log: the check is blind\n%s", log)
	}
	b.proxy.take()

	plain := b.page("brief.html", write(t, testDocument(t), HTML, Options{}))
	doc, s := hostileDocument(t)
	for i := range doc.Articles[0].Notes {
		doc.Articles[0].Notes[i].Rationale += `<img src="http://probe.example/r.png"><link rel=stylesheet href="http://probe.example/s.css">`
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc, s, Options{Format: HTML}); err != nil {
		t.Fatal(err)
	}
	hostilePage := b.page("hostile.html", buf.Bytes())

	t.Run("dom", func(t *testing.T) {
		for _, p := range []string{plain, hostilePage} {
			dom, log := b.run(p, "--dump-dom")
			noConsole(t, log)
			root, err := html.Parse(bytes.NewReader(dom))
			if err != nil {
				t.Fatal(err)
			}
			checkDOM(t, root, templateElements)
			text := collapse(textOf(root))
			want := []string{"Zoë Kowalczyk, Mayor of Brennport", "Łódź Courier", "“the new bridge cost 34 percent more than planned”",
				"Mostly true — Accurate, but it needs context.", "Reviewed by Kai Osei (2026-11-01) and Mia Brandt (2026-11-02)."}
			if p == hostilePage {
				want = []string{collapse(hostile), `<img src="http://probe.example/r.png">`}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: the rendered page does not show %q", filepath.Base(p), w)
				}
			}
		}
	})
	t.Run("screenshot", func(t *testing.T) {
		shot := filepath.Join(b.dir, "brief.png")
		_, log := b.run(plain, "--window-size=900,1400", "--hide-scrollbars", "--screenshot="+shot)
		noConsole(t, log)
		f, err := os.Open(shot)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("the screenshot: %v", err)
		}
		if bnd := img.Bounds(); bnd.Dx() != 900 || bnd.Dy() != 1400 {
			t.Errorf("the screenshot is %v, want 900×1400", bnd)
		}
		if dark := darkShare(img); dark < 0.01 {
			t.Errorf("the screenshot is blank (%.4f of its pixels dark)", dark)
		}
	})
	t.Run("pdf", func(t *testing.T) {
		out := filepath.Join(b.dir, "printed.pdf")
		_, log := b.run(plain, "--no-pdf-header-footer", "--print-to-pdf="+out)
		noConsole(t, log)
		data, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Fatalf("printing to PDF: %v, %.8q", err, data)
		}
		if _, err := exec.LookPath("pdftotext"); err == nil {
			if text := pdfText(t, data); !strings.Contains(text, "Łódź Courier") || !strings.Contains(text, "Zoë Kowalczyk") {
				t.Errorf("the printed PDF's text lacks the article's outlet or the claimant: %.300s", text)
			}
		}
	})
	if seen := b.proxy.take(); len(seen) > 0 {
		t.Errorf("the brief made %d requests: %v", len(seen), seen)
	}
}

// noConsole fails for any console message in Chromium's log.
func noConsole(t *testing.T, log string) {
	t.Helper()
	for _, line := range consoleLine.FindAllString(log, -1) {
		t.Errorf("console: %s", line)
	}
}

// darkShare is the share of pixels darker than mid-grey.
func darkShare(img image.Image) float64 {
	bnd := img.Bounds()
	dark := 0
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r+g+b < 3*0x8000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(bnd.Dx()*bnd.Dy())
}
