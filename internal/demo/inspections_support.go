package demo

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/inspection"
)

// demoLocation is the demo school's time zone.
func demoLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// demoActor loads a demo account as the actor it signs in as.
func (l *loader) demoActor(username string) (*auth.Actor, error) {
	acc, err := l.auth.FindAccountByUsername(l.ctx, l.sys, username)
	if err != nil {
		return nil, fmt.Errorf("demo account %s: %w", username, err)
	}
	return l.auth.LoadActor(l.ctx, acc.ID)
}

// demoPlaceID finds an active place of the demo school by its name.
func (l *loader) demoPlaceID(name string) (int64, error) {
	var id int64
	err := l.org.DB.Read().QueryRowContext(l.ctx, `SELECT id FROM places WHERE school_id = $1 AND name = $2 AND active ORDER BY id LIMIT 1`, l.school, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("demo place %q is missing", name)
	}
	return id, err
}

// demoUnitDue is the unit's monthly self-inspection owed for period, or 0.
func (l *loader) demoUnitDue(unit int64, period string) int64 {
	var id int64
	err := l.org.DB.Read().QueryRowContext(l.ctx, `SELECT d.id FROM due_inspections d JOIN inspection_plans p ON p.id = d.plan_id
		WHERE d.school_id = $1 AND p.rule = 'rhythm_unit' AND d.owner_unit_id = $2 AND d.period = $3`, l.school, unit, period).Scan(&id)
	if err != nil {
		return 0 // not owed (the rhythm started later): an unplanned check
	}
	return id
}

// demoPhoto makes a small picture (a wall with a red mark where the
// problem is), stores it like an upload and returns the pending photo.
func (l *loader) demoPhoto(svc *inspection.Service, a *auth.Actor, seed int) (int64, error) {
	const w, h = 480, 360
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	base := uint8(150 + seed%60)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := base - uint8(y/8)
			m.SetRGBA(x, y, color.RGBA{v, v - 6, v - 14, 255})
		}
	}
	cx, cy := 80+(seed*37)%300, 60+(seed*53)%220
	for y := cy; y < cy+60 && y < h; y++ {
		for x := cx; x < cx+90 && x < w; x++ {
			if x-cx < 4 || cx+90-x <= 4 || y-cy < 4 || cy+60-y <= 4 {
				m.SetRGBA(x, y, color.RGBA{220, 30, 30, 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 80}); err != nil {
		return 0, err
	}
	saved, err := l.opt.photos.Put(&buf, 0)
	if err != nil {
		return 0, err
	}
	return svc.AddPendingPhoto(l.ctx, a, l.school, saved)
}

// demoDraft leaves a form half done: its first answered questions pass.
func (l *loader) demoDraft(svc *inspection.Service, who string, kind inspection.Kind, place string, answered int) {
	if l.err != nil {
		return
	}
	a, err := l.demoActor(who)
	if err != nil {
		l.err = err
		return
	}
	d := inspection.Draft{ClientID: "demo-draft-" + who, Kind: kind}
	if d.PlaceID, l.err = l.demoPlaceID(place); l.err != nil {
		return
	}
	form, err := svc.Form(l.ctx, a, l.school, d)
	if err != nil {
		l.err = err
		return
	}
	for _, it := range form.Items {
		for _, q := range it.Questions {
			if len(d.Answers) < answered {
				d.Answers = append(d.Answers, inspection.Answer{QuestionCode: q.Code, Result: inspection.ResultPass})
			}
		}
	}
	_, l.err = svc.SaveDraft(l.ctx, a, l.school, d)
}
