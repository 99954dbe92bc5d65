package e2e

import (
	"encoding/json"
	"strconv"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

const signCanvas = "canvas[data-sign-canvas]"

// drawSignature draws a zigzag across the signature pad as a finger would
// (touch events, with touch emulation on) or as a mouse would. The browser
// turns either into the pointer events signature.js listens to.
func (b *tab) drawSignature(touch bool) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(chromedp.CSS(signCanvas))); err != nil {
		b.t.Fatalf("scroll to the signature pad: %v", err)
	}
	var r struct{ X, Y, W, H float64 }
	if err := json.Unmarshal([]byte(b.eval(`JSON.stringify((r => ({X: r.left, Y: r.top, W: r.width, H: r.height}))(document.querySelector("`+signCanvas+`").getBoundingClientRect()))`)), &r); err != nil || r.W < 100 || r.H < 60 {
		b.t.Fatalf("signature pad box %+v (%v): too small to sign on a phone", r, err)
	}
	// The finger's zigzag runs higher than the mouse's, so each leaves ink
	// of its own.
	hi, lo := 0.15, 0.5
	if !touch {
		hi, lo = 0.5, 0.85
	}
	var pts [][2]float64
	for i := 0; i <= 12; i++ {
		y := r.Y + r.H*hi
		if i%2 == 1 {
			y = r.Y + r.H*lo
		}
		pts = append(pts, [2]float64{r.X + r.W*(0.1+0.8*float64(i)/12), y})
	}
	var err error
	if touch {
		_, err = chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 1})
		for i, p := range pts {
			if err != nil {
				break
			}
			typ := input.DispatchTouchEventTypeTouchMove
			if i == 0 {
				typ = input.DispatchTouchEventTypeTouchStart
			}
			_, err = chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{{X: p[0], Y: p[1]}}})
		}
		if err == nil {
			_, err = chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
		}
	} else {
		held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
		actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, pts[0][0], pts[0][1], held, chromedp.ClickCount(1))}
		for _, p := range pts[1:] {
			actions = append(actions, chromedp.MouseEvent(chromedp.MouseMoved, p[0], p[1], held))
		}
		last := pts[len(pts)-1]
		actions = append(actions, chromedp.MouseEvent(chromedp.MouseReleased, last[0], last[1], held, chromedp.ClickCount(1)))
		err = chromedp.Do(ctx, actions...)
	}
	if err != nil {
		b.t.Fatalf("draw on the signature pad (touch %v): %v", touch, err)
	}
}

// signatureInk counts the dark pixels on the signature pad.
func (b *tab) signatureInk() int {
	b.t.Helper()
	n, err := strconv.Atoi(b.eval(`(() => {
		const c = document.querySelector("` + signCanvas + `");
		if (!c || !c.width) return "0";
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		let n = 0;
		for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) n++;
		return String(n);
	})()`))
	if err != nil {
		b.t.Fatalf("signature ink: %v", err)
	}
	return n
}
