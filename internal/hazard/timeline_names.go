package hazard

import (
	"context"
	"strconv"
	"strings"

	"safecampus/internal/sqldb"
)

// TimelineNames are the names of the units and people a timeline's steps
// set (an assignment's unit, responsible person, acceptor and supervisor),
// by id. Events record ids; the page shows who was named at that step,
// which may differ from the record's current values.
type TimelineNames struct {
	Units, People map[int64]string
}

// timelineUnitKeys and timelinePersonKeys are the event data fields that
// hold unit and person ids (change.go's fieldsOf).
var (
	timelineUnitKeys   = []string{"unit_id"}
	timelinePersonKeys = []string{"responsible_person_id", "acceptor_person_id", "supervisor_person_id"}
)

// timelineNames reads the names of the ids events refer to, of school only.
func timelineNames(ctx context.Context, q sqldb.Querier, school int64, events []Event) (TimelineNames, error) {
	units, people := eventIDs(events, timelineUnitKeys), eventIDs(events, timelinePersonKeys)
	var n TimelineNames
	var err error
	if n.Units, err = namesByID(ctx, q, "units", school, units); err != nil {
		return n, err
	}
	n.People, err = namesByID(ctx, q, "people", school, people)
	return n, err
}

// eventIDs collects the distinct non-zero ids under keys (JSON numbers).
func eventIDs(events []Event, keys []string) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, e := range events {
		for _, k := range keys {
			f, ok := e.Data[k].(float64)
			if id := int64(f); ok && id > 0 && !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// namesByID reads id → name of table (units or people, a constant) for ids
// of school.
func namesByID(ctx context.Context, q sqldb.Querier, table string, school int64, ids []int64) (map[int64]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{school}
	ph := make([]string, len(ids))
	for i, id := range ids {
		args = append(args, id)
		ph[i] = "$" + strconv.Itoa(i+2)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM `+table+` WHERE school_id = $1 AND id IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]string, len(ids))
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}
