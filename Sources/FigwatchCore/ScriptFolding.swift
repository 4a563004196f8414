/// Folds text to one comparable form: Traditional Chinese characters to their
/// Simplified form, Latin letters to lower case, typographic apostrophes to `'`.
///
/// Watchlist aliases and the extractor's cue words are written once (in either
/// script) and must match pages in both, including machine-converted pages that
/// mix the two. Full conversion needs word-level tables; matching only needs the
/// characters that occur in company names, money wording and everyday text, so
/// this is a character table of a few hundred pairs, written for this project.
///
/// In Core because two stages read it: the extractor folds with it, and the page-language guesser
/// (`LanguageGuesser`) tells Traditional from Simplified by it; one table, so they cannot disagree.
public enum ScriptFolding {
    /// Traditional -> Simplified pairs, two characters per pair.
    private static let pairs: String = """
    億亿萬万兩两圓圆幣币臺台灣湾東东車车電电華华為为爲为發发髮发開开關关門门長长馬马騰腾訊讯聯联\
    積积體体網网雲云國国際际銀银貨货產产業业團团會会實实寶宝鋼钢鐵铁營营潤润淨净飆飙漲涨縮缩減减\
    達达過过約约總总額额輪轮後后帶带來来與与從从這这個个對对於于時时間间報报導导說说話话錢钱價价\
    買买賣卖購购場场點点盤盘證证紀纪錄录歷历創创區区塊块鏈链蘋苹亞亚遜逊軟软臉脸書书輝辉鴻鸿豐丰\
    滙汇匯汇彙汇動动鵬鹏節节寧宁貴贵險险資资籌筹損损虧亏蝕蚀倉仓權权債债務务財财經经濟济貿贸換换\
    幾几種种數数據据統统計计張张條条項项筆笔輛辆隻只螞蚂蟻蚁嗶哔攜携貝贝殼壳愛爱藝艺樂乐視视蘇苏\
    順顺興兴農农設设壽寿偉伟穀谷爾尔優优獲获領领風风戰战將将銷销併并現现餘余養养協协議议訂订單单\
    罰罚貸贷線线應应檻槛衝冲擊击償偿還还歐欧鎊镑韓韩內内陸陆櫃柜紐纽倫伦貳贰參参們们裡里裏里讓让\
    麼么沒没無无隨随給给學学習习術术機机構构專专當当舉举辦办傳传結结標标準准認认識识頭头處处號号\
    測测試试題题問问環环況况儘尽盡尽極极歸归級级軍军聽听觀观見见規规劃划畫画邊边遠远運运輸输轉转\
    變变顯显樣样檢检驗验驅驱勢势態态戶户紅红綠绿藍蓝黃黄齊齐歲岁災灾熱热燒烧爭争衛卫護护質质費费\
    負负責责賺赚賠赔贏赢貼贴賬账帳账調调週周進进選选適适遞递鄉乡陽阳陰阴隊队陳陈劉刘楊杨趙赵吳吴\
    孫孙鄭郑馮冯許许蔣蒋葉叶蕭萧羅罗嗎吗媽妈闆板腦脑語语譯译讀读寫写誌志紙纸織织絡络續续維维綜综\
    緊紧縣县繼继纖纤錯错鏡镜鍵键鐘钟鍾钟閉闭閱阅閃闪隱隐雜杂雙双離离難难類类顧顾預预頻频顆颗願愿\
    飛飞飯饭館馆驚惊鬥斗魚鱼鳥鸟鹽盐麥麦黨党齡龄龍龙龜龟勝胜勞劳勵励嚴严壓压壞坏夢梦奮奋審审寬宽\
    尋寻屬属岡冈島岛廠厂廣广廳厅彈弹徵征憂忧懷怀戲戏擁拥擇择擴扩擔担擬拟攝摄敗败敵敌斷断棄弃槍枪\
    樓楼歡欢殘残殺杀氣气決决滅灭滿满漢汉潔洁濕湿烏乌煙烟爐炉牆墙獎奖獨独畢毕異异療疗監监眾众衆众\
    確确礙碍禮礼禍祸稱称穩稳窮穷競竞範范築筑簡简糧粮係系繫系純纯組组細细終终絕绝緒绪編编練练績绩\
    繳缴罷罢義义聖圣聞闻聲声職职肅肃舊旧艱艰藥药蘭兰虛虚補补製制複复復复覺觉親亲覽览記记訪访評评\
    詩诗詳详誤误課课談谈請请論论諸诸謀谋講讲謝谢讚赞貢贡貧贫販贩賈贾賓宾賞赏賦赋賴赖贊赞趕赶趨趋\
    跡迹踐践軌轨較较輕轻載载輔辅輯辑迴回連连遊游違违遙遥遲迟遷迁遺遗邁迈鄰邻醫医釋释釣钓鋪铺錦锦\
    鍋锅鎮镇閒闲閣阁闊阔陣阵陝陕雖虽雞鸡靈灵靜静韋韦頁页頓顿須须顏颜駐驻髒脏鬆松麗丽齒齿並并侖仑\
    倆俩側侧偵侦傑杰傘伞備备傷伤傾倾僅仅儀仪兒儿冊册凈净則则剛刚剝剥劇剧劍剑劑剂勁劲卻却厭厌厲厉\
    敘叙員员啟启啓启喪丧囑嘱圍围園园圖图堅坚塗涂墊垫壇坛壟垄壯壮壺壶夠够夥伙奪夺奧奥婦妇嬰婴屆届\
    層层峽峡嶺岭帥帅師师幫帮幹干庫库廁厕廂厢廟庙廢废彎弯徑径徹彻恆恒惡恶惱恼悅悦慘惨慣惯慮虑慶庆\
    憑凭憶忆懇恳懶懒懸悬戀恋拋抛挾挟捨舍掃扫掛挂採采揚扬揮挥搖摇搶抢擠挤擺摆擾扰攤摊斂敛斬斩晉晋\
    晝昼暫暂曆历曉晓槓杠樞枢橋桥檔档欄栏歎叹毀毁潛潜澀涩灑洒灘滩烴烃燈灯爺爷牽牵犧牺狀状猶犹獄狱\
    獅狮獻献瑣琐畝亩瘋疯癢痒皺皱盜盗盧卢睜睁礎础碼码祿禄禦御稅税窩窝籃篮籤签簽签糾纠紛纷紡纺紋纹\
    紮扎紹绍絲丝綁绑綱纲緩缓締缔緯纬縫缝繩绳繪绘罵骂聰聪聳耸脅胁脈脉脫脱腫肿腳脚膽胆膚肤臨临艦舰\
    艙舱莊庄蓋盖薦荐薩萨蝦虾蟲虫蠶蚕裝装褲裤襲袭觸触討讨訓训託托訴诉診诊証证詞词該该誇夸誕诞誠诚\
    誰谁諾诺謂谓謊谎謠谣謹谨譜谱豈岂豎竖貓猫貪贪貶贬賀贺賊贼賜赐賤贱賭赌賽赛贈赠躍跃軋轧軒轩軸轴\
    轄辖轟轰辭辞遼辽郵邮醜丑釀酿針针釘钉鈔钞鈴铃鉅巨鉛铅銅铜銳锐鋒锋錶表鍊炼鎖锁鑄铸鑑鉴鑒鉴鑰钥\
    閏闰閑闲閘闸閩闽闖闯階阶隸隶霧雾響响頂顶頒颁頗颇頰颊顛颠颱台飄飘飢饥飲饮飼饲飽饱飾饰餅饼餓饿\
    饒饶駕驾駛驶騎骑騙骗驕骄驢驴骯肮鬧闹魯鲁鮮鲜鯨鲸鳳凤鳴鸣鴨鸭鵝鹅鶴鹤鷹鹰鹹咸硃朱爲为僞伪碩硕龐庞襪袜\
    礦矿鋁铝鋰锂滬沪贛赣粵粤瓊琼鎂镁鎳镍鋅锌鉑铂鈦钛矽硅騏骐驪骊儲储兌兑騫骞瑋玮琿珲璽玺纜缆綫线釩钒鎢钨\
    錳锰鉬钼銻锑鍺锗鎵镓鹵卤煉炼錸铼幟帜嶸嵘穎颖潁颍瀾澜濤涛灃沣蕪芜錫锡僑侨\
    臺台灣湾穩稳漲涨讀读縮缩跡迹億亿
    """

    /// Traditional scalar -> Simplified scalar.
    public static let table: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        var pending: UInt32?
        for scalar in pairs.unicodeScalars where scalar.properties.isIdeographic {
            if let traditional = pending {
                if traditional != scalar.value { map[traditional] = scalar.value }
                pending = nil
            } else {
                pending = scalar.value
            }
        }
        return map
    }()

    /// Simplified forms that never occur in Traditional text: evidence for `zh-Hans`.
    /// Forms that are also ordinary Traditional characters (后, 台, 里, 余 ...) are left out.
    public static let simplifiedOnly: Set<UInt32> = {
        let sharedForms = Set("后台里干只余谷松系制表丑范征冲回采准咸御朱斗周扎舍游向岳伙占夸托并了巨志".unicodeScalars.map(\.value))
        return Set(table.values).subtracting(table.keys).subtracting(sharedForms)
    }()

    /// The CJK blocks the table covers, as flat arrays: folding runs on every scalar of
    /// every candidate sentence, and an array index is far cheaper than hashing.
    public static let flatBase: UInt32 = 0x3400
    public static let flatEnd: UInt32 = 0xA000

    /// Folded value per scalar in `flatBase..<flatEnd`.
    public static let flat: [UInt32] = {
        var values = (flatBase..<flatEnd).map { $0 }
        for (t, s) in table where t >= flatBase && t < flatEnd { values[Int(t - flatBase)] = s }
        return values
    }()

    /// Script evidence per scalar in `flatBase..<flatEnd`: +1 Traditional only, -1 Simplified only.
    public static let evidence: [Int8] = {
        var values = [Int8](repeating: 0, count: Int(flatEnd - flatBase))
        for t in table.keys where t >= flatBase && t < flatEnd { values[Int(t - flatBase)] = 1 }
        for s in simplifiedOnly where s >= flatBase && s < flatEnd { values[Int(s - flatBase)] = -1 }
        return values
    }()

    /// The folded form of one scalar.
    @inlinable
    public static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            if value >= 0x41 && value <= 0x5A { return value + 0x20 }
            return value
        }
        if value >= flatBase && value < flatEnd { return flat[Int(value - flatBase)] }
        switch value {
        case 0x2019, 0x2018, 0xFF07: return 0x27  // ’ ‘ ＇ -> '
        case 0xFF01...0xFF5E:  // full-width ASCII forms
            return fold(value - 0xFEE0)
        case 0xC0...0x24F:
            // Latin-1 and Latin Extended-A/B capitals (Ö, É, Ł ...).
            if let scalar = Unicode.Scalar(value), scalar.properties.isUppercase,
               let lower = scalar.properties.lowercaseMapping.unicodeScalars.first, scalar.properties.lowercaseMapping.unicodeScalars.count == 1 {
                return lower.value
            }
            return value
        default:
            return table[value] ?? value
        }
    }

    /// Folds `source[range]` into `target[range]`, the hot loop of the extractor.
    @inlinable
    public static func fold(_ source: [UInt32], into target: inout [UInt32], range: Range<Int>) {
        flat.withUnsafeBufferPointer { table in
            source.withUnsafeBufferPointer { src in
                target.withUnsafeMutableBufferPointer { dst in
                    for k in range {
                        let c = src[k]
                        if c < 0x80 {
                            dst[k] = (c >= 0x41 && c <= 0x5A) ? c + 0x20 : c
                        } else if c >= flatBase && c < flatEnd {
                            dst[k] = table[Int(c - flatBase)]
                        } else {
                            dst[k] = fold(c)
                        }
                    }
                }
            }
        }
    }

    /// Folds a whole string, for aliases and cue words.
    public static func fold(_ text: String) -> [UInt32] {
        text.unicodeScalars.map { fold($0.value) }
    }

    /// +1 for a character only Traditional Chinese uses, -1 for one only Simplified uses, else 0.
    @inlinable
    public static func scriptEvidence(_ value: UInt32) -> Int {
        if value >= flatBase && value < flatEnd { return Int(evidence[Int(value - flatBase)]) }
        if table[value] != nil { return 1 }
        return simplifiedOnly.contains(value) ? -1 : 0
    }
}
