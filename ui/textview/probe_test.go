package textview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

func BenchmarkProbeTexts(b *testing.B) {
	text, _ := megabyte()
	test.NewApp()
	var objs []fyne.CanvasObject
	for i := 0; i < 29; i++ {
		t := canvas.NewText(text[i*130:(i+1)*130], nil)
		t.Move(fyne.NewPos(8, float32(i)*23.6))
		t.Resize(fyne.NewSize(880, 19))
		objs = append(objs, t)
	}
	w := benchWindow(container.NewWithoutLayout(objs...))
	w.Canvas().Capture()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.Canvas().Capture()
	}
	report(b)
}
