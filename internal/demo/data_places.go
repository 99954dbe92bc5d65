package demo

import "safecampus/internal/org"

type placeSpec struct {
	key                string // unique name in this list; defaults to name
	name, parent       string // parent is a key
	campus             string
	level              org.PlaceLevel
	typ                org.PlaceType
	unit, person, code string
}

func (p placeSpec) id() string {
	if p.key != "" {
		return p.key
	}
	return p.name
}

const (
	lvBuilding = org.PlaceBuilding
	lvFloor    = org.PlaceFloor
	lvArea     = org.PlaceArea
)

// places: every place type of the inspection checklists on the main campus
// and a few at 海安校区, each with its owning unit and its area safety
// responsible person (区域安全责任人, ORG-5). Parents come before children.
var places = []placeSpec{
	// Living area (生活区).
	{name: "1号学生公寓", campus: "主校区", level: lvBuilding, typ: "student_dormitory", unit: "学生处", person: "何静", code: "ZX-SS01"},
	{key: "1号学生公寓1层", name: "1层", parent: "1号学生公寓", level: lvFloor, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{name: "宿管值班室", parent: "1号学生公寓1层", level: lvArea, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{name: "101宿舍", parent: "1号学生公寓1层", level: lvArea, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{key: "1号学生公寓2层", name: "2层", parent: "1号学生公寓", level: lvFloor, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{name: "201宿舍", parent: "1号学生公寓2层", level: lvArea, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{name: "2号学生公寓", campus: "主校区", level: lvBuilding, typ: "student_dormitory", unit: "学生处", person: "何静", code: "ZX-SS02"},
	{key: "2号学生公寓1层", name: "1层", parent: "2号学生公寓", level: lvFloor, typ: "student_dormitory", unit: "学生处", person: "何静"},
	{name: "学生食堂", campus: "主校区", level: lvBuilding, typ: "canteen", unit: "后勤管理处", person: "陈建国", code: "ZX-ST01"},
	{key: "学生食堂1层", name: "1层", parent: "学生食堂", level: lvFloor, typ: "canteen", unit: "后勤管理处", person: "陈建国"},
	{name: "食堂后厨", parent: "学生食堂1层", level: lvArea, typ: "canteen", unit: "后勤管理处", person: "陈建国"},
	{name: "体育馆", campus: "主校区", level: lvBuilding, typ: "other", unit: "基础医学部", person: "赵强", code: "ZX-TY01"},

	// Teaching area (教学区).
	{name: "教学楼A", campus: "主校区", level: lvBuilding, typ: "teaching_building", unit: "教务处", person: "李敏", code: "ZX-JX01"},
	{key: "教学楼A1层", name: "1层", parent: "教学楼A", level: lvFloor, typ: "teaching_building", unit: "教务处", person: "李敏"},
	{name: "学生机房（A101）", parent: "教学楼A1层", level: lvArea, typ: "computer_room", unit: "医学技术系", person: "周伟"},
	{key: "教学楼A2层", name: "2层", parent: "教学楼A", level: lvFloor, typ: "teaching_building", unit: "护理系", person: "李敏"},
	{name: "教学楼A电梯", parent: "教学楼A", level: lvArea, typ: "elevator", unit: "后勤管理处", person: "杨帆"},
	{name: "实验实训中心楼", campus: "主校区", level: lvBuilding, typ: "laboratory", unit: "实验实训中心", person: "孙丽", code: "ZX-SY01"},
	{key: "实验实训中心楼1层", name: "1层", parent: "实验实训中心楼", level: lvFloor, typ: "laboratory", unit: "实验实训中心", person: "孙丽"},
	{name: "护理实训室", parent: "实验实训中心楼1层", level: lvArea, typ: "laboratory", unit: "护理系", person: "李敏"},
	{name: "危化品仓库", parent: "实验实训中心楼1层", level: lvArea, typ: "warehouse", unit: "实验实训中心", person: "孙丽"},
	{key: "实验实训中心楼2层", name: "2层", parent: "实验实训中心楼", level: lvFloor, typ: "laboratory", unit: "实验实训中心", person: "孙丽"},
	{name: "化学实验室", parent: "实验实训中心楼2层", level: lvArea, typ: "laboratory", unit: "实验实训中心", person: "郑浩"},
	{name: "药剂实验室", parent: "实验实训中心楼2层", level: lvArea, typ: "laboratory", unit: "药学系", person: "吴芳"},
	{name: "行政楼", campus: "主校区", level: lvBuilding, typ: "office", unit: "党政办公室", person: "黄轶", code: "ZX-XZ01"},
	{key: "行政楼1层", name: "1层", parent: "行政楼", level: lvFloor, typ: "office", unit: "党政办公室", person: "黄轶"},
	{name: "消防控制室", parent: "行政楼1层", level: lvArea, typ: "fire_control_room", unit: "安全保卫处", person: "刘洋"},
	{name: "视频监控室", parent: "行政楼1层", level: lvArea, typ: "cctv_room", unit: "安全保卫处", person: "马军"},

	// Whole main campus (主校区).
	{name: "科教综合楼", campus: "主校区", level: lvBuilding, typ: "high_rise", unit: "后勤管理处", person: "陈建国", code: "ZX-GC01"},
	{name: "地下车库", parent: "科教综合楼", level: lvArea, typ: "underground_garage", unit: "后勤管理处", person: "陈建国"},
	{name: "1号配电房", campus: "主校区", level: lvArea, typ: "power_room", unit: "后勤管理处", person: "杨帆"},
	{name: "消防泵房", campus: "主校区", level: lvArea, typ: "pump_room", unit: "安全保卫处", person: "刘洋"},
	{name: "南大门", campus: "主校区", level: lvArea, typ: "gate", unit: "安全保卫处", person: "马军"},
	{name: "北门", campus: "主校区", level: lvArea, typ: "gate", unit: "安全保卫处", person: "马军"},
	{name: "校园警务室", campus: "主校区", level: lvArea, typ: "police_room", unit: "安全保卫处", person: "黄轶"},
	{name: "图书馆扩建工地", campus: "主校区", level: lvArea, typ: "construction_site", unit: "后勤管理处", person: "陈建国"},
	{name: "校内超市（出租）", campus: "主校区", level: lvArea, typ: "leased_premises", unit: "后勤管理处", person: "陈建国"},

	// 海安校区.
	{name: "海安校区学生公寓", campus: "海安校区", level: lvBuilding, typ: "student_dormitory", unit: "海安校区", person: "钱宏", code: "HA-SS01"},
	{key: "海安校区学生公寓1层", name: "1层", parent: "海安校区学生公寓", level: lvFloor, typ: "student_dormitory", unit: "海安校区", person: "钱宏"},
	{name: "海安校区教学楼", campus: "海安校区", level: lvBuilding, typ: "teaching_building", unit: "海安校区综合办公室", person: "冯磊", code: "HA-JX01"},
	{name: "海安校区食堂", campus: "海安校区", level: lvArea, typ: "canteen", unit: "海安校区", person: "钱宏"},
	{name: "海安校区配电房", campus: "海安校区", level: lvArea, typ: "power_room", unit: "海安校区综合办公室", person: "冯磊"},
	{name: "海安校区大门", campus: "海安校区", level: lvArea, typ: "gate", unit: "海安校区综合办公室", person: "冯磊"},
}

type gridSpec struct {
	name, parent, leader, description string
	members, places                   []string // person names, place keys
}

// grids: the grid management network (RUL-2). 赵强 holds the grid leader
// account; 冯磊 the inspector (grid member) account.
var grids = []gridSpec{
	{name: "主校区网格", leader: "黄轶", description: "主校区全域；校门、消防与安防要害部位、施工与出租场所。",
		members: []string{"马军", "刘洋"},
		places:  []string{"南大门", "北门", "校园警务室", "消防泵房", "1号配电房", "科教综合楼", "地下车库", "图书馆扩建工地", "校内超市（出租）"}},
	{name: "主校区教学区网格", parent: "主校区网格", leader: "赵强", description: "教学楼、实验实训中心楼与行政楼。",
		members: []string{"孙丽", "郑浩", "李敏", "周伟"},
		places:  []string{"教学楼A", "学生机房（A101）", "教学楼A电梯", "实验实训中心楼", "护理实训室", "化学实验室", "药剂实验室", "危化品仓库", "行政楼", "消防控制室", "视频监控室"}},
	{name: "主校区生活区网格", parent: "主校区网格", leader: "陈建国", description: "学生公寓、食堂与体育馆。",
		members: []string{"何静", "杨帆"},
		places:  []string{"1号学生公寓", "2号学生公寓", "学生食堂", "食堂后厨", "体育馆"}},
	{name: "海安校区网格", leader: "钱宏", description: "海安校区全域。",
		members: []string{"冯磊"},
		places:  []string{"海安校区学生公寓", "海安校区教学楼", "海安校区食堂", "海安校区配电房", "海安校区大门"}},
}
