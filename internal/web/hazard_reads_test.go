package web

import (
	"context"
	"strconv"
	"testing"

	"safecampus/internal/apperr"
	"safecampus/internal/hazard"
)

// A kept hazard record is used only in its own school and only until the
// next write.
func TestHazardRecordKeptUntilWrite(t *testing.T) {
	e := newHazardEnv(t)
	ctx := context.Background()
	office := e.actor("office")
	id, _ := strconv.ParseInt(e.hazardAt(hazard.StatusConfirmed, false), 10, 64)
	first, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil || again != first {
		t.Fatalf("a second read with no write in between read again (%p, %p, %v)", first, again, err)
	}
	// The same account asking in another school must not get the record.
	if rec, err := e.Server.hazardRecord(ctx, office, e.OtherSchoolID, id); !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("record of school %d read in school %d: %+v, %v", e.SchoolID, e.OtherSchoolID, rec, err)
	}
	// A step is a write: the next read shows it.
	h, err := e.Server.Hazard.Apply(ctx, office, e.SchoolID, id, hazard.Step{Action: hazard.ActReject, Note: "重复上报", Version: first.Hazard.Version})
	if err != nil {
		t.Fatal(err)
	}
	after, err := e.Server.hazardRecord(ctx, office, e.SchoolID, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Hazard.Status != hazard.StatusRejected || after.Hazard.Version != h.Version || len(after.Timeline) != len(first.Timeline)+1 {
		t.Fatalf("after the step the page reads status %s version %d with %d events (want %s, %d, %d)", after.Hazard.Status,
			after.Hazard.Version, len(after.Timeline), hazard.StatusRejected, h.Version, len(first.Timeline)+1)
	}
}
