package patrol

import (
	"context"
	"fmt"

	"safecampus/internal/apperr"
	"safecampus/internal/audit"
	"safecampus/internal/auth"
	"safecampus/internal/org"
	"safecampus/internal/sqldb"
)

// KeyTimesPerDay is GB/T 29315-2022's minimum for key areas: patrolled at
// least five times a day.
const KeyTimesPerDay = 5

// keyTypes are the place types the standard treats as key areas (重点部位).
var keyTypes = map[org.PlaceType]bool{
	"gate": true, "student_dormitory": true, "laboratory": true, "warehouse": true, "power_room": true,
	"fire_control_room": true, "cctv_room": true, "canteen": true, "underground_garage": true,
}

// DefaultTarget is the daily target of a place type the school has not set.
func DefaultTarget(t org.PlaceType) int {
	if keyTypes[t] {
		return KeyTimesPerDay
	}
	return 1
}

// MaxTarget bounds a target: more than every half hour is a typo.
const MaxTarget = 48

// Target is the daily patrol target of one place type.
type Target struct {
	Type    org.PlaceType `json:"place_type"`
	PerDay  int           `json:"per_day"` // 0: not counted in coverage
	Default int           `json:"-"`
	Custom  bool          `json:"-"` // the school set it
}

// Targets lists the target of every place type, the school's own where it
// set one, the default otherwise.
func (s *Service) Targets(ctx context.Context, a *auth.Actor, school int64) ([]Target, error) {
	if err := require(a, auth.PermOrgView, auth.SchoolScope(school)); err != nil {
		return nil, err
	}
	return targets(ctx, s.DB.Read(), school)
}

func targets(ctx context.Context, q sqldb.Querier, school int64) ([]Target, error) {
	rows, err := q.QueryContext(ctx, `SELECT place_type, per_day FROM patrol_targets WHERE school_id = $1`, school)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := map[org.PlaceType]int{}
	for rows.Next() {
		var t org.PlaceType
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		set[t] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Target, 0, len(org.PlaceTypes))
	for _, pt := range org.PlaceTypes {
		t := Target{Type: pt.Code, Default: DefaultTarget(pt.Code), PerDay: DefaultTarget(pt.Code)}
		if n, ok := set[pt.Code]; ok {
			t.PerDay, t.Custom = n, true
		}
		out = append(out, t)
	}
	return out, nil
}

func targetMap(ctx context.Context, q sqldb.Querier, school int64) (map[org.PlaceType]int, error) {
	ts, err := targets(ctx, q, school)
	m := make(map[org.PlaceType]int, len(ts))
	for _, t := range ts {
		m[t.Type] = t.PerDay
	}
	return m, err
}

// SetTargets stores the school's targets for the given place types (one
// audit entry for the whole change). Plan managers and organisation
// managers may set them.
func (s *Service) SetTargets(ctx context.Context, a *auth.Actor, school int64, in map[org.PlaceType]int) error {
	sc := auth.SchoolScope(school)
	if !auth.Can(a, auth.PermPlanManage, sc) && !auth.Can(a, auth.PermOrgManage, sc) {
		return apperr.ForbiddenErr(string(auth.PermPlanManage))
	}
	var fe []apperr.FieldError
	for t, n := range in {
		if t.Label() == string(t) {
			fe = append(fe, apperr.FieldError{Field: "target_" + string(t), Message: "场所类型无效。"})
		} else if n < 0 || n > MaxTarget {
			fe = append(fe, apperr.FieldError{Field: "target_" + string(t), Message: fmt.Sprintf("“%s”的每日巡查次数应在 0 到 %d 之间。", t.Label(), MaxTarget)})
		}
	}
	if len(fe) > 0 {
		return apperr.Fields("patrol.targets", fe)
	}
	return s.write(ctx, a, func(tx *sqldb.Tx) (audit.Record, error) {
		before, err := targetMap(ctx, tx, school)
		if err != nil {
			return audit.Record{}, err
		}
		changed := false
		after := map[string]int{}
		for k, v := range before {
			after[string(k)] = v
		}
		// Only values that change are written, so nothing is stored unaudited.
		for t, n := range in {
			if before[t] == n {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO patrol_targets (school_id, place_type, per_day) VALUES ($1, $2, $3)
				ON CONFLICT (school_id, place_type) DO UPDATE SET per_day = excluded.per_day`, school, string(t), n); err != nil {
				return audit.Record{}, err
			}
			changed = true
			after[string(t)] = n
		}
		if !changed {
			return audit.Record{}, nil
		}
		b := map[string]int{}
		for k, v := range before {
			b[string(k)] = v
		}
		return audit.Record{SchoolID: school, Action: "patrol_targets.update", Entity: "patrol_targets", EntityID: school, Before: b, After: after}, nil
	})
}
