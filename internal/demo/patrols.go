package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/patrol"
)

// patrolDays is how many days of patrols the demo holds, today included.
const patrolDays = 7

// patrollerOf names the demo account that patrols each grid's places.
var patrollerOf = map[string]string{
	"主校区网格": "guard", "主校区生活区网格": "guard", "主校区教学区网格": "gridleader", "海安校区网格": "inspector",
}

// diligence is how likely a place of a type meets its daily target on a
// given day: gates and monitoring rooms are staffed around the clock,
// labs and the power room are walked past less often. The matrix then
// shows full, partial and poor days, as a real week would.
var diligence = map[org.PlaceType]float64{
	"gate": 0.95, "cctv_room": 0.9, "fire_control_room": 0.85, "student_dormitory": 0.8, "canteen": 0.75,
	"underground_garage": 0.7, "laboratory": 0.55, "warehouse": 0.6, "power_room": 0.45,
}

// loadPatrols puts a QR check point on every place of the grid network and
// records the last week of patrols (until now) by the grids' patrollers.
// math/rand with a fixed seed keeps the data the same on every load.
func (l *loader) loadPatrols() {
	if l.err != nil {
		return
	}
	now := l.org.Now()
	var at time.Time
	svc := patrol.NewService(l.org.DB, func() time.Time { return at })
	type gp struct {
		grid, name string
		id         int64
		typ        org.PlaceType
	}
	rows, err := l.org.DB.Read().QueryContext(l.ctx, `SELECT g.name, p.id, p.name, p.place_type FROM grid_places gp
		JOIN grids g ON g.id = gp.grid_id JOIN places p ON p.id = gp.place_id WHERE gp.school_id = $1 ORDER BY g.id, p.id`, l.school)
	if err != nil {
		l.err = err
		return
	}
	var places []gp
	seen := map[int64]bool{} // a place in two grids is patrolled once
	for rows.Next() {
		var x gp
		if err := rows.Scan(&x.grid, &x.id, &x.name, &x.typ); err != nil {
			rows.Close()
			l.err = err
			return
		}
		if !seen[x.id] {
			seen[x.id] = true
			places = append(places, x)
		}
	}
	rows.Close()
	actors := map[string]*auth.Actor{}
	for _, u := range []string{"guard", "gridleader", "inspector"} {
		acc, err := l.auth.FindAccountByUsername(l.ctx, l.sys, u)
		if err == nil {
			actors[u], err = l.auth.LoadActor(l.ctx, acc.ID)
		}
		if err != nil {
			l.err = fmt.Errorf("demo patroller %s: %w", u, err)
			return
		}
	}
	for _, p := range places {
		if at = now; l.err == nil {
			_, l.err = svc.EnableCheckPoint(l.ctx, l.sys, l.school, p.id)
		}
	}
	loc := time.FixedZone("CST", 8*3600) // the demo school is in Asia/Shanghai
	today := now.In(loc)
	rng := rand.New(rand.NewPCG(2026, 315))
	for d := patrolDays - 1; d >= 0 && l.err == nil; d-- {
		day := time.Date(today.Year(), today.Month(), today.Day()-d, 0, 0, 0, 0, loc)
		for _, p := range places {
			target := patrol.DefaultTarget(p.typ)
			n := rng.IntN(target) // a day that falls short
			if rel, ok := diligence[p.typ]; (ok && rng.Float64() < rel) || (!ok && rng.Float64() < 0.85) {
				n = target + rng.IntN(2)
			}
			for i := 0; i < n && l.err == nil; i++ {
				// Spread the rounds over 07:00–22:30 with a few minutes of jitter.
				at = day.Add(7*time.Hour + time.Duration(i)*(930*time.Minute)/time.Duration(n) + time.Duration(rng.IntN(20))*time.Minute)
				if at.After(now) {
					continue // today's later rounds have not happened yet
				}
				_, l.err = svc.Record(l.ctx, actors[patrollerOf[p.grid]], l.school, patrol.Patrol{
					ClientID: fmt.Sprintf("demo-%d-%s-%d", p.id, day.Format("20060102"), i), PlaceID: p.id})
			}
		}
	}
	if l.err != nil {
		l.err = fmt.Errorf("demo patrols: %w", l.err)
	}
}
