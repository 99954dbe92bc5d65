package web

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"safecampus/internal/auth"
	"safecampus/internal/hazard"
	"safecampus/internal/org"
	"safecampus/internal/photo"
)

// Permissions of the hazard rows.
var (
	hazardView   = []auth.Permission{auth.PermHazardView}
	hazardReport = []auth.Permission{auth.PermHazardReport}
	hazardManage = []auth.Permission{auth.PermHazardManage}
	// The unit head's view reaches its unit only; the fixture's hazard
	// sits at 实训楼A, which belongs to no unit.
	hazardOutOfUnit = map[string]int{"unithead": http.StatusNotFound}
)

// scenarioHazardText is the description of the fixture's hazard: the
// record rows' secret.
const scenarioHazardText = "配电室门锁损坏无法关闭"

// hazardPhotoStore gives the row's server a photo store, shared with its
// hazard service (app.Open does the same for the real program). GET rows
// share a server: a store made here lives in this row's temporary folder,
// so it is taken away again when the row ends.
func hazardPhotoStore(x *rowCtx) {
	srv := x.f.Server
	if srv.Photos == nil {
		st := photo.NewStore(x.t.TempDir(), func() time.Time { return testTime })
		srv.Photos = st
		x.t.Cleanup(func() {
			if srv.Photos == st {
				srv.Photos = nil
			}
		})
	}
	srv.Hazard.PhotoStore = srv.Photos
}

// officeActor is the main school's office account as an actor.
func officeActor(x *rowCtx) *auth.Actor {
	a, err := x.f.Auth.LoadActor(context.Background(), x.f.AccountIDs["office"])
	if err != nil {
		x.t.Fatal(err)
	}
	return a
}

// ownHazard makes sure the office's report of 实训楼A with one photo
// exists, and names it, its version and its photo.
func ownHazard(x *rowCtx) {
	hazardPhotoStore(x)
	ctx, f, office := context.Background(), x.f, officeActor(x)
	hs, _, err := f.Server.Hazard.List(ctx, office, f.SchoolID, hazard.Filter{Query: scenarioHazardText})
	if err != nil {
		x.t.Fatal(err)
	}
	var h *hazard.Hazard
	if len(hs) > 0 {
		h = &hs[0]
	} else {
		saved, err := f.Server.Photos.Put(bytes.NewReader(pngBytes(x.t)), 0)
		if err != nil {
			x.t.Fatal(err)
		}
		ph, err := f.Server.Hazard.AddPendingPhoto(ctx, office, f.SchoolID, saved)
		if err != nil {
			x.t.Fatal(err)
		}
		if h, err = f.Server.Hazard.Report(ctx, office, f.SchoolID, hazard.ReportInput{PlaceID: placeID(x),
			Description: scenarioHazardText, PhotoIDs: []int64{ph}, ClientID: "scenario-hazard-0001"}); err != nil {
			x.t.Fatal(err)
		}
	}
	before, _, _, err := f.Server.Hazard.Photos(ctx, office, f.SchoolID, h.ID)
	if err != nil || len(before) != 1 {
		x.t.Fatalf("hazard photos: %v (%d)", err, len(before))
	}
	x.vars["hazard"], x.vars["version"] = strconv.FormatInt(h.ID, 10), strconv.FormatInt(h.Version, 10)
	x.vars["hazardphoto"] = strconv.FormatInt(before[0].ID, 10)
	// The hazard may come from an earlier row whose photo folder is gone:
	// put a photo file back under its name.
	if fh, err := f.Server.Photos.Open(before[0].FileName); err == nil {
		fh.Close()
	} else {
		saved, err := f.Server.Photos.Put(bytes.NewReader(pngBytes(x.t)), 0)
		if err != nil {
			x.t.Fatal(err)
		}
		dir := f.Server.Photos.Dir
		if err := os.Rename(filepath.Join(dir, saved.FileName), filepath.Join(dir, before[0].FileName)); err != nil {
			x.t.Fatal(err)
		}
	}
}

// freshHazard gives each user a reported hazard of their own to confirm,
// so the office and the admin each change one.
func freshHazard(x *rowCtx) {
	hazardPhotoStore(x)
	h, err := x.f.Server.Hazard.Report(context.Background(), officeActor(x), x.f.SchoolID, hazard.ReportInput{PlaceID: placeID(x),
		Description: scenarioHazardText + "-" + x.user, ClientID: "scenario-confirm-" + x.user})
	if err != nil {
		x.t.Fatal(err)
	}
	x.vars["hazard"], x.vars["version"] = strconv.FormatInt(h.ID, 10), strconv.FormatInt(h.Version, 10)
}

// anonPoint gives the row a check point to report through: the main
// school's 实训楼A, or for the other school's admin a place of their own
// school (the public page names its place, which the admin of another
// school must never be shown). Each user reports from a phone of their
// own: a fresh hazard service, so the per-address throttle starts empty.
func anonPoint(x *rowCtx) {
	hazardPhotoStore(x)
	store := x.f.Server.Hazard.PhotoStore
	x.f.Server.Hazard = hazard.NewService(x.f.DB, store, func() time.Time { return testTime })
	if x.user != "other_admin" {
		withCheckPoint(x)
		return
	}
	ctx, sys := context.Background(), auth.System()
	pl, err := x.f.Org.SavePlace(ctx, sys, x.f.OtherSchoolID, org.Place{Name: "外校教学楼", Level: org.PlaceBuilding, Type: "teaching_building"})
	if err != nil {
		x.t.Fatal(err)
	}
	cp, err := x.f.Server.Patrol.EnableCheckPoint(ctx, sys, x.f.OtherSchoolID, pl.ID)
	if err != nil {
		x.t.Fatal(err)
	}
	x.vars["token"] = cp.Token
}

func placeID(x *rowCtx) int64 {
	id, _ := strconv.ParseInt(x.vars["place"], 10, 64)
	return id
}
