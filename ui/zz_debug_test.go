package ui

import (
	"fmt"
	"testing"
)

func TestZZSpeakerOffer(t *testing.T) {
	td := newTestDesk(t, seedText(t))
	for _, src := range []string{"Maria V. Zakharova, a spokesperson for the Russian Ministry of Foreign Affairs", "Prime Minister Keir Starmer of Great Britain", "Trump’s special envoy Steve Witkoff", "President Volodymyr Zelensky, from Ukraine"} {
		td.view.SetSelection(td.rangeOf("promised"))
		td.createAttribution()
		td.view.SetSelection(td.rangeOf(src))
		td.win.Canvas().Focus(td.view)
		td.press('s')
		f := td.win.Canvas().Focused()
		e, ok := f.(*speakerEntry)
		txt := ""
		if ok {
			txt = e.Text
		}
		fmt.Printf("%q -> focus %T entry %q speaker %q status %q\n", src, f, txt, td.speakerName(td.findAttribution(td.selected).SpeakerID), td.status.Text)
		td.deleteSelected()
	}
}
