/// Folds text to one comparable form: Traditional Chinese characters to their
/// Simplified form, Latin letters to lower case, typographic apostrophes to `'`.
///
/// Watchlist aliases and the extractor's cue words are written once (in either
/// script) and must match pages in both, including machine-converted pages that
/// mix the two. Full conversion needs word-level tables; matching only needs the
/// characters that occur in company names, money wording and everyday text, so
/// this is a character table: some eight hundred pairs written for this project, and the rest
/// of the single-character pairs generated from ICU's transform (see `generatedPairs`).
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

    /// Further pairs, generated once from ICU's Traditional-Simplified transform (Unicode CLDR data)
    /// over the CJK blocks, single characters only: the names of companies use characters no
    /// hand-written list foresees (白鷺, 騏驎). Where the two disagree, `pairs` above wins.
    private static let generatedPairs: String = """
    㑳㑇㘚㘎㠏㟆㠣𫵷㥮㤘㩜㨫㩳㧐㼆𬎆䃮鿎䊷䌶䋙䌺䋻䌾䓣𬜯䝼䞍䡵𫟦䥑鿏䥕𬭯䬗扬䮄𫠊䯀䯅䰾鲃䱽䲝䲁鳚䲘鳤䴉鹮䶧咬丟丢乾干亂乱亙亘佇伫佈布\
    佔占侶侣侷局俁俣俔伣俠侠俬私俱具倀伥倈俫倖幸倣仿偽伪傖伧傢家傭佣傯偬傴伛僂偻僇戮僉佥僕仆僤𫢸僥侥僨偾僱雇儂侬儈侩儉俭儐傧儔俦儕侪\
    儷俪儸㑩儺傩儻傥儼俨兇凶兗兖冪幂凍冻凜凛凱凯別别刪删剄刭剋克剎刹剗刬剮剐剴剀剷铲劊刽劌刿劏㓥劚㔉勗勖勛勋勣𪟝勩勚勱劢勳勋勸劝勻匀\
    匭匦匱匮卹恤厙厍厠厕厴厣叄叁叢丛吒咤吢吣吶呐呂吕咷啕咼呙唄呗唚吣唸念啞哑啢唡喎㖞喚唤喨亮喫吃喬乔喲哟嗆呛嗇啬嗊唝嗚呜嗩唢嘆叹嘍喽\
    嘔呕嘖啧嘗尝嘜唛嘩哗嘮唠嘯啸嘰叽嘵哓嘸呒嘽啴噁𫫇噓嘘噚㖊噝咝噠哒噥哝噦哕噯嗳噲哙噴喷噸吨噹当嚀咛嚇吓嚌哜嚐尝嚕噜嚙啮嚥咽嚦呖嚨咙\
    嚮向嚲亸嚳喾嚶嘤囀啭囁嗫囂嚣囅冁囈呓囉啰囍禧囓啮囪囱圇囵垵埯埡垭埨𫭢埰采執执堊垩堖垴堝埚堯尧塋茔塏垲塒埘塚冢塢坞塤埙塵尘塸𫭟塹堑\
    塿𪣻墜坠墠𫮃墮堕墳坟墶垯墻墙墾垦壋垱壎埙壘垒壙圹壚垆壜坛壠垅壢坜壩坝壪塆壼壸夾夹奐奂奩奁奬奖奼姹妝妆姊姐姍姗姦奸姪侄娙𫰛娛娱婁娄\
    婭娅媧娲媯妫媼媪嫋袅嫗妪嫵妩嫻娴嫿婳嬀妫嬃媭嬈娆嬋婵嬌娇嬙嫱嬝袅嬡嫒嬤嬷嬪嫔嬸婶孃娘孌娈孿孪宮宫寢寝寵宠尅克尷尴屍尸屓屃屜屉屢屡\
    屨屦峴岘崍崃崑昆崗岗崙仑崢峥崬岽嵐岚嵽𫶇嶁嵝嶄崭嶇岖嶔嵚嶗崂嶠峤嶢峣嶧峄嶨峃嶮崄嶴岙嶼屿巋岿巒峦巔巅巖岩巘𪩘巰巯幀帧幃帏幗帼幘帻\
    幬帱廄厩廈厦廎庼廚厨廝厮廞𫷷廡庑廩廪廬庐廻回弒弑弔吊弳弪強强彄𫸩彆别彌弥彞彝彠彟彥彦彿佛徠徕徬彷恥耻悞悮悳德悵怅悶闷悽凄惲恽惻恻\
    愜惬愨悫愴怆愷恺愾忾慄栗慇殷慍愠慚惭慟恸慤悫慪怄慫怂慳悭慼戚慾欲憊惫憐怜憒愦憖慭憚惮憤愤憫悯憮怃憲宪懃勤懌怿懍懔懞蒙懟怼懣懑懨恹\
    懮忧懲惩懺忏懼惧懾慑戇戆戔戋戧戗戩戬戱戯挩捝捫扪捲卷掄抡掗挜掙挣揀拣搆构搗捣搥捶搧扇搨拓搵揾搾榨摀捂摑掴摜掼摟搂摯挚摳抠摶抟摺折\
    摻掺撈捞撏挦撐撑撓挠撚捻撝㧑撟挢撢掸撣掸撥拨撫抚撲扑撳揿撻挞撾挝撿捡擄掳擋挡擓㧟擣捣擯摈擰拧擱搁擲掷擷撷擻擞擼撸攄摅攆撵攏拢攔拦\
    攖撄攙搀攛撺攢攒攣挛攪搅攬揽斃毙斆敩斕斓昇升晛𬀪暈晕暉晖暐𬀩暘旸暢畅暱昵曄晔曇昙曏向曖暧曠旷曨昽曬晒朧胧枒丫柵栅桿杆梔栀梘枧梜𬂩\
    梟枭梲棁棖枨棗枣棟栋棡㭎棧栈棲栖棶梾椏桠楓枫楨桢榖谷榪杩榮荣榲榅榿桤槖橐槤梿槧椠槨椁槳桨樁桩樅枞樑梁樸朴樹树樺桦橈桡橢椭橫横檁檩\
    檉柽檜桧檝楫檟槚檣樯檮梼檯台檳槟檸柠櫍𬃊櫓橹櫚榈櫛栉櫝椟櫞橼櫟栎櫥橱櫧槠櫨栌櫪枥櫫橥櫬榇櫱蘖櫳栊櫸榉櫺棂櫻樱欏椤欒栾欓𣗋欖榄欞棂\
    欵款欽钦歛敛歟欤歿殁殞殒殤殇殨㱮殫殚殮殓殯殡殰㱩殲歼毆殴毬球毿毵氂牦氈毡氌氇氫氢氬氩氳氲氹凼氾泛汎泛汙污沍冱沖冲洩泄洶汹浹浃浿𬇙\
    涇泾涼凉淒凄淚泪淥渌淪沦淵渊淶涞淺浅渙涣渢沨渦涡渾浑湊凑湋𣲗湞浈湧涌湯汤溈沩溝沟溫温溮浉溳涢溼湿滄沧滌涤滎荥滯滞滲渗滷卤滸浒滻浐\
    滾滚漁渔漊溇漍𬇹漚沤漣涟漬渍漵溆漸渐漿浆潑泼潕𣲘潙沩潯浔潰溃潷滗潿涠澆浇澇涝澐沄澗涧澠渑澤泽澦滪澩泶澫𬇕澮浍澱淀濁浊濃浓濆𣸣濘泞\
    濚溁濜浕濫滥濬浚濰潍濱滨濺溅濼泺濾滤瀂澛瀅滢瀆渎瀇㲿瀉泻瀋沈瀏浏瀕濒瀘泸瀝沥瀟潇瀠潆瀦潴瀧泷瀨濑瀰弥瀲潋灄滠灕漓灝灏灠漤灤滦灧滟\
    煒炜煢茕煥焕煩烦煬炀煱㶽熅煴熒荧熗炝熰𬉼熲颎熾炽燀𬊤燁烨燄焰燉炖燐磷燖𬊈燙烫燜焖燦灿燬毁燭烛燴烩燶㶶燻熏燼烬燾焘燿耀爍烁爛烂牀床\
    牋笺牘牍犖荦犢犊狹狭狽狈猙狰猻狲獁犸獃呆獪狯獫猃獮狝獰狞獱㺍獵猎獷犷獸兽獺獭獼猕玀猡琺珐瑒玚瑤瑶瑩莹瑪玛瑯琅瑲玱璉琏璊𫞩璕𬍤璗𬍡\
    璡琎璣玑璦瑷璫珰璵玙瓅𬍛瓏珑瓔璎瓚瓒瓛𤩽甌瓯甕瓮産产疇畴疊叠痀佝痙痉痠酸痾疴瘂痖瘍疡瘓痪瘞瘗瘡疮瘧疟瘮瘆瘲疭瘺瘘瘻瘘癆痨癇痫癉瘅\
    癒愈癘疠癟瘪癡痴癤疖癥症癧疬癩癞癬癣癭瘿癮瘾癰痈癱瘫癲癫皁皂皚皑皰疱皸皲盃杯盞盏盪荡眞真眥眦睍𪾢睏困睞睐睪睾瞇眯瞘眍瞜䁖瞞瞒瞭了\
    瞶瞆瞼睑矓眬矚瞩矯矫砲炮硏研硜硁硤硖硨砗硯砚碭砀碸砜磑硙磚砖磣碜磧碛磯矶磽硗磾䃅礄硚礆硷礐𬒈礡礴礪砺礫砾礬矾礮炮礱砻祕秘禎祯禕祎\
    禡祃禪禅禰祢禱祷禿秃秈籼稈秆稏䅉稜棱稟禀穇䅟穌稣穠秾穡穑穢秽穫获穭稆窪洼窯窑窵窎窶窭窺窥竄窜竅窍竇窦竈灶竊窃竪竖筍笋筧笕筴䇲箇个\
    箋笺箎篪箏筝箝钳篋箧篔筼篢𬕂篤笃篩筛篳筚簀箦簆筘簍篓簞箪簣篑簫箫簷檐簹筜簾帘籐藤籙箓籛篯籜箨籟籁籠笼籩笾籪簖籬篱籮箩籲吁粧妆糝糁\
    糞粪糰团糲粝糴籴糶粜糹纟紂纣紃𬘓紆纡紇纥紈纨紉纫納纳紓纾紕纰紖纼紗纱紘纮紜纭紝纴紞𬘘紬䌷紱绂紲绁紳绅紵纻紺绀紼绋紿绐絀绌絃弦絅䌹\
    絆绊絎绗絛绦絝绔絞绞絢绚絨绒絪𬘡絰绖絳绛絶绝絹绢絺𫄨綃绡綄𬘫綆绠綈绨綉绣綌绤綎𬘩綏绥綐䌼綑捆綖𫄧綝𬘭綞缍綡𫟅綢绸綣绻綧𬘯綪𬘬綬绶\
    綯绹綰绾綳绷綴缀綵彩綸纶綹绺綺绮綻绽綽绰綾绫綿绵緄绲緇缁緋绯緑绿緓绬緔绱緗缃緘缄緙缂緝缉緞缎緡缗緣缘緦缌緬缅緱缑緲缈緶缏緹缇緻致\
    縈萦縉缙縊缢縋缒縐绉縑缣縕缊縗缞縛缚縝缜縞缟縟缛縧绦縭缡縯𬙂縱纵縲缧縳䌸縴纤縵缦縶絷縷缕縹缥繃绷繅缫繆缪繒缯繕缮繚缭繞绕繡绣繢缋\
    繭茧繮缰繯缳繰缲繶𫄷繸䍁繹绎繻𦈡繽缤繾缱繿䍀纁𫄸纆𬙊纈缬纊纩纍累纏缠纓缨纔才纕𬙋纘缵缽钵罃䓨罈坛罌罂罎坛罣挂羆罴羈羁羋芈羣群羥羟\
    羨羡羶膻翫玩翬翚翹翘翺翱翽翙耬耧耮耢聵聩聶聂聹聍聾聋脛胫脣唇脹胀腎肾腖胨腡脶腸肠膃腽膕腘膞䏝膠胶膢𦝼膩腻膾脍膿脓臍脐臏膑臘腊臚胪\
    臟脏臠脔臢臜臥卧舖铺艤舣艫舻艷艳芻刍苎苧苧苎茲兹荊荆荳豆莖茎莢荚莧苋菓果菸烟萇苌萊莱萵莴葒荭著着葤荮葦苇葯药葷荤蒍𫇭蒐搜蒓莼蒔莳\
    蒞莅蒼苍蓀荪蓆席蓮莲蓯苁蓽荜蔄𬜬蔔卜蔞蒌蔥葱蔦茑蔭荫蔴麻蔿𫇭蕁荨蕆蒇蕎荞蕒荬蕓芸蕕莸蕘荛蕢蒉蕩荡蕷蓣薀蕰薈荟薊蓟薌芗薑姜薔蔷薘荙\
    薟莶薳䓕薴苧薺荠藉借藎荩藪薮藭䓖藴蕴藶苈藷薯藹蔼藺蔺蘀萚蘄蕲蘆芦蘊蕴蘚藓蘞蔹蘢茏蘺蓠蘿萝虆蔂虉𬟁虜虏虯虬蛺蛱蛻蜕蜆蚬蝀𬟽蝟猬蝨虱\
    蝸蜗螄蛳螢萤螮䗖螻蝼螿螀蟄蛰蟈蝈蟎螨蟣虮蟬蝉蟯蛲蟶蛏蠅蝇蠆虿蠍蝎蠐蛴蠑蝾蠔蚝蠟蜡蠣蛎蠧蠹蠨蟏蠱蛊蠻蛮衊蔑衚胡袞衮袴绔裊袅褌裈褘袆\
    褳裢褸褛褻亵襀𫌀襇裥襏袯襖袄襝裣襠裆襤褴襬䙓襯衬襴襕覈核覎觃覓觅覘觇覡觋覥觍覦觎覬觊覯觏覲觐覷觑覿觌觴觞觶觯訁讠訃讣訌讧訏𬣙訐讦\
    訒讱訕讪訖讫訛讹訝讶訟讼訢䜣訣诀訥讷訩讻訶诃註注詁诂詆诋詎讵詐诈詒诒詔诏詖诐詗诇詘诎詛诅詝𬣞詠咏詡诩詢询詣诣詪𬣳詫诧詬诟詭诡詮诠\
    詰诘詵诜詷𫍣詼诙詿诖誄诔誅诛誆诓誑诳誒诶誘诱誚诮誡诫誣诬誥诰誦诵誨诲説说誶谇誹诽誼谊誾訚諂谄諄谆諉诿諍诤諏诹諑诼諒谅諓𬣡諗谂諛谀\
    諜谍諝谞諞谝諟𬤊諡谥諢诨諤谔諦谛諧谐諫谏諭谕諮谘諱讳諲𬤇諳谙諴𫍯諶谌諷讽諺谚諼谖謁谒謄誊謅诌謎谜謏𫍲謐谧謔谑謖谡謗谤謙谦謚谥謡谣\
    謨谟謫谪謬谬謭谫謳讴謾谩譁哗譅䜧譎谲譏讥譓𬤝譖谮譙谯譚谭譞𫍽譟噪譫谵譴谴譸诪譽誉譾谫讋詟讌䜩讎雠讒谗讕谰讖谶讜谠讞谳豔艳豬猪豶豮\
    貍狸貙䝙貞贞貟贠貫贯貯贮貰贳貲赀貺贶貽贻賁贲賂赂賃赁賄贿賅赅賑赈賒赊賕赇賙赒賚赉賡赓賢贤賧赕賫赍賰䞐賵赗賸剩賻赙賾赜贄贽贅赘贇赟\
    贋赝贍赡贐赆贓赃贔赑贖赎贗赝贜赃赬赪趲趱跤交跼局踡蜷踰逾踴踊蹌跄蹕跸蹟迹蹣蹒蹤踪蹧糟蹺跷躂跶躉趸躊踌躋跻躑踯躒跞躓踬躕蹰躚跹躡蹑\
    躥蹿躦躜躪躏軀躯軏𫐄軑轪軔轫軛轭軝𬨂軤轷軫轸軲轱軹轵軺轺軻轲軼轶軾轼輄𨐈輅辂輇辁輈辀輊轾輋𪨶輒辄輓挽輗𫐐輜辎輞辋輟辍輥辊輦辇輩辈\
    輬辌輮𫐓輳辏輶𬨎輻辐輾辗輿舆轀辒轂毂轅辕轆辘轍辙轎轿轔辚轝舆轡辔轢轹轤轳辮辫辯辩逕迳遯遁邇迩邏逻邐逦郟郏鄆郓鄒邹鄔邬鄖郧鄧邓鄩𬩽\
    鄲郸鄳𫑡鄴邺鄶郐鄺邝酇酂酈郦醃腌醖酝醞酝醬酱醱酦醲𬪩醼宴釁衅釃酾釅酽釐厘釒钅釓钆釔钇釕钌釗钊釙钋釤钐釦扣釧钏釴𬬩釵钗釷钍釹钕釺钎\
    釿𬬱鈀钯鈁钫鈃钘鈄钭鈇𫓧鈈钚鈉钠鈍钝鈎钩鈐钤鈑钣鈒钑鈕钮鈞钧鈣钙鈥钬鈧钪鈮铌鈰铈鈳钶鈷钴鈸钹鈹铍鈺钰鈽钸鈾铀鈿钿鉀钾鉈铊鉉铉鉊𬬿\
    鉋铇鉍铋鉕钷鉗钳鉚铆鉝𫟷鉞钺鉢钵鉤钩鉥𬬸鉦钲鉧𬭁鉨鿭鉭钽鉮𬬹鉶铏鉷𫟹鉸铰鉺铒鉻铬鉿铪銃铳銈𫓯銍铚銑铣銓铨銖铢銘铭銚铫銛铦銜衔銠铑\
    銣铷銥铱銦铟銨铵銩铥銪铕銫铯銬铐銱铞銲焊銶𨱇銹锈銼锉鋃锒鋇钡鋌铤鋏铗鋐𬭎鋗𫓶鋙铻鋝锊鋟锓鋣铘鋤锄鋥锃鋦锔鋨锇鋩铓鋭锐鋮铖鋯锆鋱铽\
    鋶锍鋸锯鋹𬬮錀𬬭錁锞錆锖錇锫錈锩錏铔錐锥錒锕錕锟錘锤錙锱錚铮錛锛錞𬭚錟锬錠锭錡锜錤𫓹錨锚錩锠錮锢録录鍀锝鍁锨鍃锪鍆钔鍇锴鍈锳鍍镀\
    鍔锷鍘铡鍚钖鍛锻鍠锽鍤锸鍥锲鍩锘鍬锹鍭𬭤鍰锾鍶锶鎄锿鎇镅鎓𬭩鎔镕鎗枪鎘镉鎚锤鎛镈鎝𨱏鎡镃鎣蓥鎦镏鎧铠鎩铩鎪锼鎬镐鎰镒鎲镋鎶鿔鎸镌\
    鎿镎鏃镞鏇镟鏌镆鏍镙鏏𬭬鏐镠鏑镝鏗铿鏘锵鏜镗鏝镘鏞镛鏟铲鏢镖鏤镂鏨錾鏰镚鏵铧鏷镤鏹镪鏺䥽鏻𬭸鏽锈鐃铙鐄𨱑鐇𫔍鐋铴鐍𫔎鐏𨱔鐐镣鐒铹\
    鐓镦鐔镡鐙镫鐝镢鐠镨鐦锎鐧锏鐨镄鐩𬭼鐫镌鐮镰鐯䦃鐲镯鐳镭鐶镮鐸铎鐺铛鐽𫟼鐿镱鑈鿭鑊镬鑌镔鑔镲鑕锧鑞镴鑠铄鑣镳鑥镥鑪𬬻鑭镧鑱镵鑲镶\
    鑷镊鑹镩鑼锣鑽钻鑾銮鑿凿钁䦆閂闩閆闫閈闬閌闶閎闳閔闵閡阂関关閥阀閧哄閨闺閫阃閬阆閭闾閲阅閶阊閹阉閻阎閼阏閽阍閾阈閿阌闃阒闇暗闈闱\
    闉𬮱闋阕闌阑闍阇闐阗闑𫔶闒阘闓闿闔阖闕阙闘斗闞阚闠阓闡阐闢辟闤阛闥闼阨厄阪坂陘陉陞升隄堤隉陧隑𬮿隕陨隤𬯎隮𬯀隴陇雋隽雛雏霑沾霢霡\
    霽霁靂雳靄霭靆叇靉叆靚靓靦腼靨靥靷纼鞀鼗鞏巩鞝绱鞽鞒韁缰韃鞑韉鞯韌韧韍韨韙韪韜韬韞韫韡𮧵韮韭韻韵頃顷頇顸頊顼頌颂頍𫠆頎颀頏颃頑顽\
    頔𬱖頜颌頠𬱟頡颉頤颐頦颏頫𫖯頮颒頲颋頴颕頵𫖳頷颔頸颈頹颓頽颓顎颚顒颙顓颛顔颜顗𫖮顙颡顢颟顥颢顫颤顬颥顰颦顱颅顳颞顴颧颭飐颮飑颯飒\
    颳刮颶飓颸飔颺飏颻飖颼飕飀飗飈飚飠饣飣饤飥饦飩饨飪饪飫饫飭饬飴饴飿饳餃饺餄饸餉饷餌饵餎饹餏饻餑饽餒馁餕馂餖饾餗𫗧餚肴餛馄餜馃餞饯\
    餡馅餬糊餱糇餳饧餵喂餶馉餷馇餺馎餼饩餽馈餾馏餿馊饁馌饃馍饅馒饈馐饉馑饊馓饋馈饌馔饑饥饗飨饘𫗴饜餍饞馋饢馕馭驭馱驮馳驰馴驯馹驲馼𫘜\
    駁驳駃𫘝駉𬳶駑驽駒驹駓𬳵駔驵駘骀駙驸駝驼駟驷駡骂駢骈駪𬳽駭骇駰骃駱骆駸骎駼𬳿駿骏騁骋騂骍騄𫘧騅骓騊𫘦騌骔騍骒騑𬴂騖骛騞𬴃騠𫘨騤骙\
    騧䯄騭骘騮骝騱𫘬騵𫘪騶驺騷骚騸骟騾骡驀蓦驁骜驂骖驃骠驄骢驊骅驌骕驍骁驎𬴊驏骣驛驿驟骤驤骧驥骥驦骦驫骉髏髅髕髌髖髋鬀剃鬍胡鬚须鬢鬓\
    鬨哄鬩阋鬭斗鬮阄鬱郁鬹鬶魎魉魘魇魛鱽魢鱾魨鲀魴鲂魷鱿魺鲄鮀𬶍鮁鲅鮃鲆鮆𫚖鮈𬶋鮊鲌鮋鲉鮍鲏鮎鲇鮐鲐鮑鲍鮒鲋鮓鲊鮚鲒鮜鲘鮝鲞鮞鲕鮟𩽾\
    鮠𬶏鮡𬶐鮣䲟鮦鲖鮪鲔鮫鲛鮭鲑鮳鲓鮶鲪鮸𩾃鮺鲝鯀鲧鯁鲠鯇鲩鯉鲤鯊鲨鯒鲬鯔鲻鯕鲯鯖鲭鯛鲷鯝鲴鯡鲱鯢鲵鯤鲲鯧鲳鯪鲮鯫鲰鯰鲶鯴鲺鯷鳀鯻𬶟\
    鯽鲫鯿鳊鰁鳈鰂鲗鰃鳂鰆䲠鰈鲽鰉鳇鰊𬶠鰍鳅鰏鲾鰐鳄鰒鳆鰓鳃鰜鳒鰟鳑鰠鳋鰣鲥鰤𫚕鰥鳏鰧䲢鰨鳎鰩鳐鰭鳍鰮鳁鰱鲢鰲鳌鰳鳓鰵鳘鰶𬶭鰷鲦鰹鲣\
    鰺鲹鰻鳗鰼鳛鰾鳔鱀𬶨鱂鳉鱅鳙鱇𩾌鱈鳕鱉鳖鱒鳟鱔鳝鱖鳜鱗鳞鱘鲟鱚𬶮鱝鲼鱟鲎鱠鲙鱣鳣鱤鳡鱧鳢鱨鲿鱭鲚鱯鳠鱲𫚭鱷鳄鱸鲈鱺鲡鳧凫鳩鸠鳬凫\
    鳲鸤鳶鸢鳾䴓鴆鸩鴇鸨鴉鸦鴒鸰鴕鸵鴛鸳鴝鸲鴞鸮鴟鸱鴣鸪鴦鸯鴯鸸鴰鸹鴴鸻鴷䴕鴿鸽鵁䴔鵂鸺鵃鸼鵏𬷕鵐鹀鵑鹃鵒鹆鵓鹁鵜鹈鵟𫛭鵠鹄鵡鹉鵪鹌\
    鵮鹐鵯鹎鵲鹊鵷鹓鵾鹍鶄䴖鶇鸫鶉鹑鶊鹒鶓鹋鶖鹙鶘鹕鶚鹗鶠𬸘鶡鹖鶥鹛鶩鹜鶪䴗鶬鸧鶯莺鶱𬸣鶲鹟鶹鹠鶺鹡鶻鹘鶼鹣鷀鹚鷁鹢鷂鹞鷄鸡鷈䴘鷊鹝\
    鷓鹧鷖鹥鷗鸥鷙鸷鷚鹨鷟𬸦鷥鸶鷦鹪鷫鹔鷭𬸪鷯鹩鷲鹫鷳鹇鷸鹬鷺鹭鷽鸴鷿䴙鸂㶉鸇鹯鸌鹱鸏鹲鸑𬸚鸕鸬鸘鹴鸚鹦鸛鹳鸝鹂鸞鸾鹺鹾鹼碱麤粗麩麸\
    麯曲麴麹麵面麽么黌黉黲黪黴霉黶黡黷黩黽黾黿鼋鼇鳌鼈鳖鼉鼍鼕冬鼴鼹齋斋齎赍齏齑齔龀齕龁齗龂齘𬹼齙龅齜龇齟龃齠龆齣出齦龈齧啮齩咬齪龊\
    齬龉齮𬺈齯𫠜齲龋齶腭齷龌齼𬺓龎厐龑䶮龔龚龕龛
    """

    /// Traditional scalar -> Simplified scalar.
    public static let table: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        var pending: UInt32?
        for scalar in (generatedPairs + pairs).unicodeScalars where scalar.properties.isIdeographic {
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
