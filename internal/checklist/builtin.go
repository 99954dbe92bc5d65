package checklist

import "strconv"

// The notice's catalogue (REQUIREMENTS.md RESP-1 … EDU-6). Titles and
// questions keep the notice's own wording; where the notice lists several
// things to check in one sentence, each becomes its own question so an
// inspector can fail exactly one of them. Changing a text here makes
// EnsureBuiltins store a new version; inspections keep the old text.

// attrs are the optional properties of a built-in item.
type attrs struct {
	places []string
	photo  bool // a photo is required when the item fails
	major  bool // a failure defaults to a major hazard
}

var (
	none     = attrs{}
	physical = attrs{photo: true}
)

func at(places ...string) attrs      { return attrs{places: places, photo: true} }
func atMajor(places ...string) attrs { return attrs{places: places, photo: true, major: true} }
func paperAt(places ...string) attrs { return attrs{places: places} }

// def builds a catalogue item; question codes extend the item code.
func def(code string, area Area, title string, a attrs, questions ...string) Item {
	it := Item{Code: code, Area: area, Title: title, PlaceTypes: a.places,
		PhotoRequiredOnFail: a.photo, DefaultLevel: LevelGeneral, Version: 1}
	if a.major {
		it.DefaultLevel = LevelMajor
	}
	for i, q := range questions {
		it.Questions = append(it.Questions, Question{Code: code + "." + strconv.Itoa(i+1), Text: q})
	}
	return it
}

// Builtins returns a fresh copy of the built-in catalogue in the notice's order.
func Builtins() []Item {
	out := make([]Item, len(catalogue))
	for i, it := range catalogue {
		it.PlaceTypes = append([]string(nil), it.PlaceTypes...)
		it.Questions = append([]Question(nil), it.Questions...)
		out[i] = it
	}
	return out
}

var catalogue = []Item{
	// （一）安全责任制落实方面
	def("RESP-1", AreaResp, "落实学校安全主体责任", none,
		"学校安全主体责任是否落实"),
	def("RESP-2", AreaResp, "安全工作责任体系和管理制度，安全风险预防、管控、处置机制", none,
		"安全工作责任体系和管理制度是否健全",
		"安全风险预防、管控、处置机制是否健全有效"),
	def("RESP-3", AreaResp, "开展风险隐患排查，建立学校安全工作清单、问题清单、责任清单、整改清单", none,
		"是否开展风险隐患排查",
		"是否建立学校安全工作清单",
		"是否建立问题清单",
		"是否建立责任清单",
		"是否建立整改清单"),
	def("RESP-4", AreaResp, "把安全责任落实到每个岗位，把安全教育与安全管理融入日常工作，把安全工作作为考核重要内容", none,
		"是否把安全责任落实到每个岗位",
		"是否把安全教育与安全管理融入学校日常工作的各个环节",
		"是否把安全工作作为学校考核重要内容"),

	// （二）消防安全方面
	def("FIRE-1", AreaFire, "电动自行车违规停放充电，疏散通道畅通", physical,
		"有无电动自行车违规停放充电",
		"疏散通道是否畅通"),
	def("FIRE-2", AreaFire, "学生宿舍使用大功率电器、私拉乱接电线、消防通道堵塞", at("student_dormitory"),
		"学生宿舍有无使用大功率电器",
		"有无私拉乱接电线",
		"消防通道有无堵塞"),
	def("FIRE-3", AreaFire, "消防控制室设备运转是否正常，工作人员是否执证上岗", at("fire_control_room"),
		"消防控制室设备运转是否正常",
		"工作人员是否执证上岗"),
	def("FIRE-4", AreaFire, "消防泵房泵机开关、消防水泵、水泵压力表和消防水箱水位", at("pump_room"),
		"消防泵房泵机开关是否设在自动位置",
		"消防水泵能否正常启动",
		"水泵压力表是否正常",
		"消防水箱水位是否符合标准"),
	def("FIRE-5", AreaFire, "主要建筑物喷淋、手报和烟感火灾报警系统", physical,
		"主要建筑物是否安装喷淋、手报和烟感火灾报警系统",
		"系统反应是否灵敏有效",
		"能否与消防中控室有效联动"),
	def("FIRE-6", AreaFire, "增压送风系统、管道电井封堵和防火门", physical,
		"增压送风系统能否正常送风",
		"管道电井是否有效封堵",
		"防火门是否完好"),
	def("FIRE-7", AreaFire, "消防通道是否畅通，内部通路是否被占用影响消防车辆进出", atMajor(),
		"消防通道是否畅通",
		"内部通路是否被占用影响消防车辆进出"),
	def("FIRE-8", AreaFire, "消火栓、消防龙头、水带和灭火器等设施器材", physical,
		"消火栓、消防龙头、水带和灭火器等设施器材是否齐全",
		"消火栓、消防龙头、水带和灭火器等设施器材功能是否完好"),
	def("FIRE-9", AreaFire, "微型消防站", none,
		"是否建有微型消防站",
		"人员配备是否符合要求",
		"功能作用是否有效发挥",
		"有无开展经常性训练"),
	def("FIRE-10", AreaFire, "消防标识、日常检查巡查和领导定期带队检查", none,
		"各类消防标识是否清晰明了",
		"日常检查巡查是否落实",
		"领导能否定期带队检查"),
	def("FIRE-11", AreaFire, "消防应急响应机制、应急方案和消防演练", none,
		"消防应急响应机制是否健全",
		"有无应急方案",
		"消防演练是否落实"),
	def("FIRE-12", AreaFire, "消防维保单位和维保合同", none,
		"有无消防维保单位",
		"是否签订维保合同",
		"维保单位是否发挥作用"),
	def("FIRE-13", AreaFire, "有无不符合消防要求的装饰装潢材料", physical,
		"有无不符合消防要求的装饰装潢材料"),
	def("FIRE-14", AreaFire, "其他消防安全问题", none,
		"有无其他消防安全问题"),

	// （三）后勤安全方面
	def("LOG-1", AreaLog, "配电房等重要场所安全管理", at("power_room"),
		"配电房等重要场所安全管理制度是否落实",
		"制度是否上墙",
		"日常检查巡查是否落实",
		"内部有无灭火器材",
		"是否安排专人值守",
		"是否持证上岗",
		"配电房有无设置防鼠板和绝缘地毯",
		"手套和胶靴是否定期绝缘处理",
		"有无备用电路和机组"),
	def("LOG-2", AreaLog, "电梯运转、维保、检修年检和应急预案", at("elevator"),
		"电梯运转是否正常",
		"有无维保单位",
		"是否定期检修和年检",
		"电梯内有无对外联系应答设备",
		"有无电梯困人伤人应急预案"),
	def("LOG-3", AreaLog, "办公楼、学生宿舍、教学楼、学生机房等场所电路线路和火灾防控", at("office", "student_dormitory", "teaching_building", "computer_room"),
		"电路线路是否老化",
		"有无私拉乱接现象",
		"有无使用大功率电器问题",
		"火灾防控是否落实到位"),
	def("LOG-4", AreaLog, "食堂操作间灭火毯、燃气警报装置、管道清洗和食物留验", at("canteen"),
		"食堂操作间有无配备灭火毯",
		"燃气警报装置是否完好",
		"管道是否有专业单位定期清洗",
		"食物留验制度是否落实"),
	def("LOG-5", AreaLog, "建筑工地、装潢施工现场安全管理", at("construction_site"),
		"是否签订安全承诺书",
		"是否加强对施工方的监管",
		"用电、动火程序是否规范"),
	def("LOG-6", AreaLog, "出租出借场所安全管理", at("leased_premises"),
		"出租出借场所是否纳入安全管理",
		"承租单位是否落实消防安全规定",
		"有无违规使用液化气罐和燃气灶等问题"),

	// （四）实验室及危化品管理方面
	def("LAB-1", AreaLab, "危化品管理制度落实及危险源全过程管理", at("laboratory", "warehouse"),
		"危化品管理制度是否落实",
		"易燃易爆危险品、剧毒和放射性物品、有毒生物制剂、特殊药品存放与使用管理是否符合标准规范",
		"是否存在多头管理使用问题",
		"危险源的采购、运输、存储、使用、转移、处置等环节是否存在问题"),
	def("LAB-2", AreaLab, "安全防护、双人双锁、报警装置和日常检查巡查", atMajor("laboratory", "warehouse"),
		"安全防护是否有效",
		"是否落实双人双锁",
		"报警装置是否符合要求",
		"日常检查巡查是否落实"),
	def("LAB-3", AreaLab, "实验室安全责任体系、安全运行机制和人员安全管理职责", paperAt("laboratory", "warehouse"),
		"实验室安全责任体系是否健全",
		"安全运行机制是否健全",
		"相关人员的安全管理职责是否细化落实"),
	def("LAB-4", AreaLab, "个人安全防护与环境保护、医疗和化学品废弃物管理和处置", at("laboratory", "warehouse"),
		"个人安全防护与环境保护是否符合规定",
		"医疗和化学品废弃物管理和处置是否符合规定"),

	// （五）安保建设方面
	def("SEC-1", AreaSec, "专业保安和安全管理人员、安防设施、一键报警、视频监控和周界报警", none,
		"是否配备具备资质的专业保安和安全管理人员",
		"安防设施配备是否到位",
		"是否安装一键报警装置",
		"校园视频监控是否覆盖并与公安机关联网",
		"是否设置校园周界报警"),
	def("SEC-2", AreaSec, "学校门口硬质防冲撞设施、校园及周边综合治理、宿舍治安防范和安全巡防巡查", at("gate"),
		"学校门口是否设置硬质防冲撞设施",
		"校园及周边综合治理是否落实",
		"学生宿舍的治安防范是否落实",
		"校园常态化的安全巡防巡查制度是否落实"),
	def("SEC-3", AreaSec, "安全保卫制度和警务室", paperAt("police_room"),
		"安全保卫制度是否健全",
		"是否按规定设立警务室",
		"警务室作用是否有效发挥"),
	def("SEC-4", AreaSec, "视频监控室值守、联动、数字化升级、数据存储和探头布设", at("cctv_room"),
		"视频监控室是否安排专人值守",
		"有无持证上岗",
		"视频监控与消防控制室是否联动设置",
		"视频监控系统是否进行数字化升级改造",
		"数据存储是否达标",
		"视频探头数量和分布是否合理"),
	def("SEC-5", AreaSec, "安保力量配备", none,
		"安保力量是否按标准比例配备",
		"是否存在年龄偏大问题",
		"是否存在专业素质不高问题",
		"是否存在应急能力不强问题"),
	def("SEC-6", AreaSec, "处置突发事件及1、3、5分钟赶至现场", none,
		"处置突发事件是否及时有效",
		"接警（报）后能否按照1、3、5分钟的要求赶至现场处置"),
	def("SEC-7", AreaSec, "日常安保检查巡查是否坚持", none,
		"日常安保检查巡查是否坚持"),
	def("SEC-8", AreaSec, "防控防暴应急演练是否落实", none,
		"防控防暴应急演练是否落实"),

	// （六）校车及交通安全方面
	def("TRA-1", AreaTra, "校园周边交通组织、交通管理设施和上、放学高峰校门区域交通秩序", at("gate"),
		"校园周边交通组织是否优化",
		"交通管理设施是否规范设置",
		"上、放学高峰期间校门区域交通秩序是否良好"),
	def("TRA-2", AreaTra, "校内交通安全管理和学生乘车安全教育", none,
		"校内交通安全管理是否加强",
		"学生乘车安全教育是否开展"),
	def("TRA-3", AreaTra, "学生春秋游、境内研学、境外修学旅行及其他集体外出活动组织管理和交通安全", none,
		"学生春秋游、境内研学、境外修学旅行及其他集体外出活动组织管理是否规范",
		"集体外出活动交通安全是否落实"),

	// （七）制度落实方面
	def("RUL-1", AreaRul, "安全生产管理规定和各类安全生产制度", none,
		"有无安全生产管理规定",
		"各类安全生产制度是否健全"),
	def("RUL-2", AreaRul, "安全生产网格化管理制度", none,
		"安全生产网格化管理制度是否落实",
		"有无网格化管理网络图",
		"网格长和网格员作用是否发挥"),
	def("RUL-3", AreaRul, "安全例会制度", none,
		"安全例会制度是否坚持",
		"有无定期分析研判安全生产形势",
		"有无研究制定安全生产措施"),
	def("RUL-4", AreaRul, "安全生产检查巡查制度", none,
		"安全生产检查巡查制度是否落实",
		"主要领导是否每半年检查1次",
		"分管领导是否每季度检查1次",
		"职能部门是否每月检查1次",
		"每次检查有无完成的台账记录",
		"问题整改是否落实"),
	def("RUL-5", AreaRul, "其他安全生产制度落实和重要场所制度上墙", none,
		"其他安全生产制度是否落实",
		"各类重要场所制度是否上墙"),

	// （八）教育培训方面
	def("EDU-1", AreaEdu, "系统性学习培训《两个指南》", none,
		"是否组织系统性学习培训国家卫生健康委消防安全和后勤管理《两个指南》",
		"能否按《两个指南》规定要求开展工作"),
	def("EDU-2", AreaEdu, "全员安全生产培训每年2次和应知应会考核", none,
		"全员安全生产培训每年2次是否落实",
		"有无组织对应知应会安全知识进行考核"),
	def("EDU-3", AreaEdu, "新进员工培训率和特种人员持证上岗率", none,
		"对新进员工安全生产培训率是否达到100%",
		"特种人员持证上岗率是否达到100%"),
	def("EDU-4", AreaEdu, "消防及其他安全生产演练和消防安全“四个能力”", none,
		"消防安全演练以及其他安全生产方面的演练是否组织",
		"员工是否具有消防安全“四个能力”等基本素质"),
	def("EDU-5", AreaEdu, "师生安全教育常态化机制和各类安全专题教育", none,
		"师生安全教育常态化机制是否落实",
		"是否将安全教育贯穿教育教学全过程",
		"是否开展实验室及危化品安全、交通安全、消防安全、生命安全、食品安全、预防溺水、预防毒品、卫生健康、防范学生欺凌、预防网络诈骗等各类安全专题教育"),
	def("EDU-6", AreaEdu, "预防人员密集时发生踩踏事故", none,
		"预防人员密集时发生踩踏事故的措施是否落实"),
}
