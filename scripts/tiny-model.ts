/**
 * Writes a tiny but real feature-extraction model that transformers.js 2.17 loads like any BERT
 * export from the hub, so the embedding code can be tested end to end on a machine that cannot
 * download models.
 *
 * The folder holds:
 * - `config.json`: `model_type: "bert"`, so `AutoModel` picks `BertModel` (an encoder-only model);
 * - `tokenizer.json` + `tokenizer_config.json`: a lower-casing BERT WordPiece tokenizer
 *   (`BertNormalizer`, `BertPreTokenizer`, `BertProcessing` adding `[CLS]`/`[SEP]`) over a
 *   vocabulary of a few thousand common English words, digits, punctuation and a handful of
 *   suffix pieces (`##s`, `##ed`, `##ing`...); any other word becomes `[UNK]`;
 * - `onnx/model.onnx` and `onnx/model_quantized.onnx` (the same graph; transformers.js loads the
 *   `_quantized` one by default): inputs `input_ids` and `attention_mask` (int64 `[batch, seq]`),
 *   output `last_hidden_state` (float `[batch, seq, dim]`) = `Gather(table, input_ids)` multiplied
 *   by the attention mask.
 *
 * Each token's row of the table is pseudo-random, seeded by a hash of the token itself, so the
 * output is the same on every machine and adding words never changes the others' vectors. Mean
 * pooling then gives a bag-of-words vector: texts sharing words have a high cosine similarity.
 * Very common words, punctuation and the special tokens get short vectors so that they weigh
 * little, a crude stand-in for IDF.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface TinyModelOptions {
  /** Length of the embedding vectors, 2 to 1024. Default: 32. */
  dimensions?: number;
}

/** The default embedding length of the tiny model. */
export const TINY_MODEL_DEFAULT_DIMENSIONS = 32;

/** Longest input in tokens (`model_max_length`), as in the usual BERT exports. */
export const TINY_MODEL_MAX_TOKENS = 512;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/**
 * Common English words, loosely grouped by theme. Order does not matter (vectors are seeded by the
 * word); duplicates are dropped.
 */
const WORDS = `
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by hot but some what there we can out other were all your when up use word how said an
each she which do their time if will way about many then them would write like so these her long
make thing see him two has look more day could go come did my sound no most number who over know
water than call first people may down side been now find any new work part take get place made
live where after back little only round man year came show every good me give our under name very
through just form much great think say help low line before turn cause same mean differ move
right boy old too does tell sentence set three want air well also play small end put home read
hand port large spell add even land here must big high such follow act why ask men change went
light kind off need house picture try us again animal point mother world near build self earth
father head stand own page should country found answer school grow study still learn plant cover
food sun four thought let keep eye never last door between city tree cross since hard start might
story saw far sea draw left late run don't while press close night real life few stop open seem
together next white children begin got walk example ease paper often always music those both mark
book letter until mile river car feet care second group carry took rain eat room friend began
idea fish mountain north once base hear horse cut sure watch color face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family direct pose
leave song measure state product black short numeral class wind question happen complete ship area
half rock order fire south problem piece told knew pass farm top whole king size heard best hour
better true during hundred am remember step early hold west ground interest reach fast five sing
listen six table travel less morning ten simple several vowel toward war lay against pattern slow
center love person money serve appear road map science rule govern pull cold notice voice fall
power town fine certain fly unit lead cry dark machine note wait plan figure star box noun field
rest correct able pound done beauty drive stood contain front teach week final gave green oh quick
develop sleep warm free minute strong special mind behind clear tail produce fact street inch lot
nothing course stay wheel full force blue object decide surface deep moon island foot yet busy
test record boat common gold possible plane age dry wonder laugh thousand ago ran check game shape
yes miss brought heat snow bed bring sit perhaps fill east weight language among
ability able about above accept according account across action activity actually add address
administration admit adult affect after again against agency agent ago agree agreement ahead allow
almost alone along already although always american among amount analysis animal another answer
anyone anything appear apply approach argue arm around arrive art article artist assume attack
attention attorney audience author authority available avoid away baby bad bag ball bank bar base
beat beautiful because become before behavior believe benefit beyond bill billion bit blood board
born both box brother budget building business buy camera campaign cancer candidate capital card
career case catch cell central century certainly chair challenge chance character charge choice
choose church citizen civil claim clearly coach collection college commercial community company
compare computer concern condition conference congress consider consumer continue control cost
couple court create crime cultural culture cup current customer dead deal death debate decade
decision defense degree democrat democratic describe design despite detail determine development
die difference different difficult dinner discover discuss discussion disease doctor dream drop
drug economic economy edge education effect effort eight either election else employee energy
enjoy enter entire environment environmental especially establish evening event everybody everyone
everything evidence exactly executive exist expect experience expert explain factor fail fear
federal feeling fight film finally financial finger finish firm fish floor focus foreign forget
former forward free friend future garden gas general generation glass goal government guess gun
guy hair hang happy he health hear heart help her herself himself his history hit hope hospital
hotel however huge human husband identify image imagine impact important improve include including
increase indeed indicate individual industry information inside instead institution international
interview investment involve issue item itself job join key kid kill kitchen knowledge lake
language law lawyer leader learn least legal likely local lose loss lot machine magazine maintain
major majority manage management manager market marriage material matter maybe media medical meet
meeting member memory mention message method middle military million minute mission model modern
moment month movement movie mrs much myself nation national natural nature nearly necessary network
news newspaper nice none nor note occur offer office officer official oil operation opportunity
option organization others outside owner pain painting parent participant particular particularly
partner party patient pay peace per perform performance period personal phone physical pick
pressure pretty prevent price private probably process production professional professor program
project property protect prove provide public purpose quality quickly race radio raise range rate
rather realize really reason receive recent recently recognize reduce reflect region relate
relationship religious remain remove report represent republican require research resource respond
response responsibility result return reveal rich rise risk role rule safe scene season seat
section security seek sell send senior sense series serious service seven sex shake share shoot
shot shoulder significant similar simply single sister site situation skill skin social society
soldier somebody someone something sometimes son sort source space speak specific speech spend
sport spring staff stage standard statement station stock store strategy structure student stuff
style subject success successful suddenly suffer suggest summer support surface system tax teacher
team technology television term thank theory third threat throughout thus today tonight total tough
toward trade traditional training treat treatment trial trip trouble truth tv type understand until
upon usually value various victim view violence visit vote wall wear weapon whatever whether whom
wide wife window wish within without woman worker worry writer wrong yard yeah yourself
apple banana bread butter cheese chicken egg flour garlic honey juice lemon meat milk onion orange
pasta pepper potato rice salad salt sauce soup sugar tea coffee tomato vegetable fruit oven pan
pot bake boil fry roast grill recipe cook cooking kitchen dough yeast knead loaf sourdough dish
meal breakfast lunch dinner dessert cake cookie chocolate cream spoon fork knife plate bowl cup
slice chop stir mix pour taste sweet sour bitter spicy fresh frozen raw heat temperature minutes
planet star galaxy telescope orbit astronomy astronomer comet asteroid mars jupiter saturn venus
mercury neptune uranus pluto solar lunar eclipse universe cosmic nebula gravity rocket spacecraft
satellite astronaut launch mission observatory light year dwarf giant crater meteor
garden gardening soil seed seeds grow plant plants flower flowers rose tulip leaf leaves root roots
water watering compost fertilizer weed weeds prune harvest tomato carrot lettuce bean beans pea
herb herbs basil mint shade sunlight pot pots greenhouse bloom season spring autumn winter frost
football soccer goal goalkeeper striker match referee penalty league stadium player players team
teams coach score scored tournament cup championship kick pass defender midfield fans ball pitch
tennis basketball baseball cricket rugby golf swimming running race marathon athlete olympic medal
program programming code software developer compiler function variable loop array string bug debug
debugging test tests testing database server client network internet website browser javascript
typescript python java language languages syntax library framework api interface class object
module package install version release deploy cloud memory processor disk file files folder
keyboard screen mouse laptop computer computers data algorithm algorithms search index query
music song songs guitar piano violin drum drums band concert melody rhythm chord chords note notes
singer sing album orchestra composer jazz rock classical opera tune instrument instruments practice
weather rain rainy snow snowy storm storms thunder lightning cloud clouds cloudy wind windy sunny
forecast temperature degrees humidity hurricane tornado flood drought climate fog ice cold warm
money bank banks loan loans interest savings account accounts budget tax taxes invest investing
investment stock stocks bond bonds market markets price prices inflation credit debt salary income
insurance mortgage pension profit revenue cash coin coins currency dollar euro pound payment
medicine doctor doctors nurse hospital patient patients disease illness fever cough vaccine virus
bacteria infection symptom symptoms treatment therapy surgery pill pills dose blood heart lung
lungs brain bone bones muscle muscles pain headache sleep diet exercise health healthy sick
travel trip journey flight flights airport airplane plane train trains station ticket tickets
passport visa hotel hotels luggage suitcase tourist tourists beach museum map maps guide booking
holiday vacation cruise ship border train bus taxi road highway bridge tunnel
history ancient empire king queen castle war wars battle army soldier medieval roman rome greek
greece egypt pyramid pyramids pharaoh revolution century centuries kingdom emperor knight sword
dog dogs cat cats puppy kitten pet pets bird birds fish horse horses cow cows sheep pig pigs goat
chicken duck lion tiger bear wolf fox rabbit mouse mice elephant monkey snake whale dolphin shark
insect insects bee bees ant ants butterfly spider feather feathers tail fur wing wings nest
car cars engine engines wheel wheels tire tires brake brakes fuel petrol diesel electric battery
batteries charge charging drive driving driver license speed traffic parking garage repair oil
house houses home homes room rooms bedroom bathroom kitchen roof wall walls floor window windows
door doors stairs garden furniture sofa chair chairs table tables bed beds lamp carpet rent
school schools student students teacher teachers class classes lesson lessons exam exams homework
university college degree course courses grade grades learn learning study studying library
book books novel novels poem poems poetry author authors reader readers chapter chapters page
pages story stories fiction character characters plot writing writer publish published
phone phones email emails message messages call calls text chat video camera photo photos picture
pictures social media post posts share online internet account password login user users
question questions answer answers document documents passage passages sentence sentences paragraph
summary title topic topics excerpt excerpts source sources fact facts information knowledge
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday week weeks month
months year years hour hours minute minutes second seconds morning afternoon evening night
red orange yellow green blue purple pink brown black white gray grey silver gold
zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred thousand million billion first second third fourth fifth last next previous
big small large tiny huge long short tall high low wide narrow deep shallow heavy light fast slow
hot cold warm cool wet dry clean dirty new old young early late easy hard simple difficult cheap
expensive happy sad angry tired hungry thirsty busy free full empty open closed loud quiet soft
good bad better best worse worst great nice beautiful ugly strong weak rich poor safe dangerous
am is are was were be been being have has had having do does did doing done go goes went gone
going get gets got getting make makes made making take takes took taken taking see sees saw seen
come comes came coming know knows knew known think thinks thought say says said tell tells told
give gives gave given find finds found use uses used using work works worked working want wants
wanted need needs needed feel feels felt try tries tried leave leaves left call calls called keep
keeps kept let lets begin begins began begun seem seems seemed help helps helped show shows showed
shown hear hears heard play plays played run runs ran move moves moved live lives lived believe
bring brings brought happen happens happened write writes wrote written sit sits sat stand stands
stood lose loses lost pay pays paid meet meets met include includes included continue set sets
learn learns learned change changes changed lead leads led understand understood watch watches
follow follows followed stop stops stopped create creates created speak speaks spoke spoken read
reads allow allows allowed add adds added spend spends spent grow grows grew grown open opens
opened walk walks walked win wins won offer offers offered remember remembers remembered love
loves loved consider considers considered appear appears appeared buy buys bought wait waits
waited serve serves served die dies died send sends sent expect expects expected build builds
built stay stays stayed fall falls fell fallen cut cuts reach reaches reached kill remain remains
suggest raise pass sell sells sold require report decide pull
what when where who whom whose why how which that this these those there here then now than
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
a an and or but not no nor so yet if because although though unless while until since as
abandon absence absolute absorb abstract abuse academic accent access accident accompany accomplish
accuracy accurate accuse achieve achievement acid acknowledge acquire actor actress adapt addition
additional adequate adjust adjustment admire admission adopt advance advanced advantage adventure
advertising advice advise adviser advocate aged agenda aggressive agricultural agriculture aid aim
aircraft alarm album alcohol alive alliance ally alter alternative amazing ambition amendment
analyst analyze ancestor angle anger anniversary announce annual anxiety anxious apartment
apparent apparently appeal appearance appetite applause appliance application appointment appreciate
appropriate approval approve architect architecture arena argument arise armed arrangement arrest
arrival arrow aside asleep aspect assault assemble assembly assert assess assessment asset assign
assignment assist assistance assistant associate association assumption assure athletic atmosphere
atom attach attempt attend attitude attract attractive attribute auction aunt automatic automobile
autumn average award aware awareness awful awkward background backyard bacon badly bake balance
balcony bamboo band bandage barely bargain barn barrel barrier baseball basement basic basically
basis basket bath bathroom battery beam bean beard bedroom beef beer beg beginning behalf belief
bell belong belt bench bend beneath berry bet bicycle bike bind biology bitter blade blame blank
blanket blind block blow board boast boil bold bolt bomb bond bonus boost boot border boring borrow
boss bother bottle bottom bounce boundary bow brain branch brand brave breast breath breathe breed
brick brief briefly bright brilliant broad broadcast broken brush bubble bucket buck bull bullet
bunch burden burn burst bury bush butter button cabin cabinet cable cage calculate calendar calm
camp campus canal cancel candle candy cap capability capable capacity captain capture carbon cargo
carpet carrot cart cartoon carve cast castle casual catalog category cattle cave ceiling celebrate
celebration celebrity cereal ceremony chain chamber champion channel chapter characteristic charity
chart chase cheap cheat cheek chef chemical chemistry chest chew chief childhood chip chop chorus
chronic cigarette cinema circle circuit circumstance cite civilian clay clerk clever cliff climb
clinic clinical clock closet cloth clothes clothing clue cluster coal coast coastal coat cocktail
code coffee cognitive coin collapse collar colleague collect collective colonial colony column
combat combination combine comedy comfort comfortable command commander comment commission commit
commitment committee commodity communicate communication comparison compete competition competitive
competitor complain complaint complex component compose composition compound comprehensive concept
conclude conclusion concrete conduct confess confidence confident confirm conflict confront
confusion connect connection conscious consensus consent consequence conservative considerable
consistent constant constantly constitute constitution construct construction consult consume
consumption contact contemporary contest context contract contrast contribute contribution
convention conventional conversation convert convince cookie copper copy core corn corner corporate
corporation corridor cottage cotton couch counsel counter county courage cousin crack craft crash
crazy creative creature credit crew crisis criteria critic critical criticism criticize crop crowd
crucial cruel crush crystal cue curious curriculum curtain curve custom cycle dairy damage dance
danger dare darkness database daughter dealer dear debris decent declare decline decorate decrease
dedicate deer defeat defend defendant deficit define definitely definition delay deliberately
delicate delight deliver delivery demand demonstrate demonstration deny depart department departure
depend dependent deposit depression depth deputy derive descend desert deserve desk desperate
dessert destination destroy destruction detect detection detective device devote diagnosis diagram
dialogue diamond diary dictionary diet digital dignity dimension dining dirt disability disagree
disappear disaster discipline discount discourse discovery dismiss disorder display distance
distant distinct distinction distinguish distribute distribution district diverse diversity divide
division divorce dna dominant dominate donate dozen draft drag drama dramatic drawer drawing dress
drink drift drill drinking drown drum dust duty eager ear earn earnings earthquake easily eastern
ecological ecosystem edit edition editor educate educational effective effectively efficiency
efficient elbow elder elderly elect electricity electronic element elementary elevator eligible
eliminate elite embrace emerge emergency emission emotion emotional emperor emphasis emphasize
empire employ employer employment enable encounter encourage enemy enforcement engage engagement
engineer engineering enhance enormous ensure enterprise entertainment enthusiasm entrance entry
envelope episode equal equality equally equipment equivalent era error escape essay essential
essentially estate estimate ethical ethics ethnic evaluate evaluation eventually evident evil
evolution evolve exact exam examination examine exceed excellent exception exchange excited
excitement exciting excuse exhibit exhibition exit exotic expand expansion expectation expedition
expense experiment explanation explode exploration explore explosion export expose exposure express
expression extend extension extensive extent external extra extraordinary extreme extremely
fabric facility factory faculty fade failure faint fairly faith fake fame familiar fancy fantasy
fare fashion fat fate fault favor favorite feature fee feed fellow female fence festival fiber
fifteen file filter finance finding fitness fix flag flame flash flat flavor flee flesh flight
float flood flow fluid folk fool forest forever formal formation formula fortune forum fossil
foundation founder fraction fragile frame framework franchise frankly fraud freedom freeze
frequency frequent frequently frontier fruit frustration fuel fully fun function fund fundamental
funding funeral funny furniture furthermore gain galaxy gallery gang gap garage garbage gate gather
gauge gaze gear gender gene generally generate generous genetic genius genre gentle gently genuine
gesture ghost gift gifted glad glance glimpse global glove golden gorgeous govern governor grab
grace graduate grain grand grandfather grandmother grant grape grass grave gravity greatest grocery
gross growth guarantee guard guest guidance guideline guilt guilty habit habitat hall handful handle
harbor hardware harm harmony harvest hat hazard heal healthy heaven heel height helicopter hell
helmet hero hesitate hidden hide highlight highly highway hill hint hip hire historian historic
historical hobby hockey holder hole holy honest honey honor hook horizon hormone horror host hostile
household housing humor hunger hunt hunting hurt hypothesis ice icon ideal identical identity
ignore ill illegal illness illustrate imagination immediate immediately immigrant immigration immune
implement implication imply import impose impossible impress impression impressive improvement
incentive incident income incorporate incredible increasingly independence independent index
indigenous industrial inevitable infant infection inflation influence inform ingredient initial
initially initiative injure injury inner innocent innovation input inquiry insect insight insist
inspection inspector inspire install installation instance instant instinct instruction instructor
instrument insurance intellectual intelligence intelligent intend intense intensity intention
interaction interior internal interpret interpretation intervention intimate introduce
introduction invasion invent invention inventory investigate investigation investigator investor
invisible invitation invite iron ironically irrigation isolate isolated jacket jail jaw jeans
jewelry joint joke journal journalist journey joy judge judgment jump junior jury justice justify
keen kick kidney kiss kit knee knock label labor laboratory lack ladder lamp landscape lane lap
laser latter launch lawn layer leadership leading leaf league lean leap leather lecture legacy
legend legislation legitimate leisure lemon lend lens lesson liberal liberty lid lifestyle lifetime
lift limit limitation limited lip liquid literally literary literature litter liver loan lobby
locate location lock logic logical lonely loose lord loud lovely lover loyal loyalty luck lucky
lung luxury mad magic magnetic mail mainly mainstream mall mammal manner manufacture manufacturer
manufacturing marble margin marine marketing mask mass massive master mate mathematics maximum
mayor meal meaning meantime meanwhile measurement mechanical mechanism medal medication
medium melt membership mental menu mere merely merit mess metal meter microwave mild milk mill
mineral minimum minister minor minority miracle mirror missile mixed mixture mobile mode moderate
modest modify molecule mom monitor monkey monster monthly monument mood moral moreover mortgage
mostly motion motivation motive motor mount mountain mouth mud multiple muscle museum musical
musician mutual mystery myth naked narrative narrow nasty native naval navy neat necessarily neck
negative negotiate negotiation neighbor neighborhood neither nephew nerve nervous nest net neutral
nevertheless newly nightmare nobody nod noise nomination nonetheless noon normal normally northern
nose notebook notion novel nowhere nuclear nurse nut nutrient nutrition obligation observation
observe observer obstacle obtain obvious obviously occasion occasionally occupation occupy ocean
odd odds offense offensive offering ongoing opera operate operator opinion opponent oppose opposite
opposition orbit orchestra organic organism organize orientation origin original originally outcome
outdoor outer output outstanding oven overall overcome overlook overseas oxygen pace pack package
pad painful paint painter pair palace pale palm panel panic parade parallel parking partial
participate participation partly partnership passenger passion passive password past pasta patch
path patience patrol patron pause peak peanut peer penalty pencil pension pepper perceive percentage
perception perfect perfectly permanent permission permit persist personality personally perspective
persuade phase phenomenon philosophy photograph photographer phrase physician physics piano pie pile
pill pilot pine pink pioneer pipe pitch pizza planet planning plastic plate platform plea pleasant
pleasure plenty plot plus pocket poem poet poetry poison pole police policy polite political
politician politics poll pollution pool pop popular popularity population porch portfolio portion
portrait portray pose position positive possess possession possibility possibly potential potter
pottery poverty powder powerful practical practice praise pray prayer precious precise precisely
predict prediction prefer preference pregnancy pregnant premium preparation prepare prescription
presence presentation preserve president presidential prestige presumably previous previously pride
priest primarily primary prime principal principle print prior priority prison prisoner privacy
prize procedure proceed producer profession profile profit profound progress prominent promise
promote promotion prompt proof proper properly proportion proposal propose prospect protection
protein protest proud provider province provision psychological psychology publication publicly
pulse pump punch punishment pupil purchase pure purple pursue puzzle qualify quantity quarter queen
quest quiet quietly quit quote rabbit racial racism rail railway rainbow rally ranch random rank
rapid rapidly rare rarely rating ratio raw reaction reader readily reality reasonable rebel
recall receipt receiver reception recipe recommend recommendation recover recovery recruit reduction
reference reform refrigerator refuge refugee refuse regard regardless regime regional register
regret regular regularly regulate regulation reinforce reject relative relatively relax release
relevant relief relieve religion reluctant rely remark remarkable remote rental repair repeat
repeatedly replace replacement reply representation representative reputation request rescue
research researcher resemble reservation reserve resident resign resist resistance resolution
resolve resort respect respectively respondent restaurant restore restriction retail retain retire
retirement retreat reverse review revolution reward rhythm rib ribbon rid ride rider ridge rifle
ring riot rip ritual rival river robot rocket romance romantic roof root rope rose rough roughly
route routine row royal rub rubber ruin rumor rural rush sacred sacrifice sad sadly sail sailor
saint sake salad salary sale salmon sample sanction sand sandwich satellite satisfaction satisfy
sauce saving scale scandal scared scenario schedule scheme scholar scholarship scientific scientist
scope score scratch scream screen script sculpture seal secret secretary sector secure seed segment
seize seldom selection sensitive sensor sentence separate sequence servant session settle
settlement severe sew shade shadow shallow shame shape shark sharp shed sheep sheer sheet shelf
shell shelter shift shine shirt shock shoe shop shopping shore shortage shortly shout shower shrug
shut shy sibling sick sight sign signal signature silence silent silk silly silver similarity
simultaneously sin sink sir skiing skip skirt sky slave slice slide slight slightly slip slope slot
smart smell smile smoke smooth snake soap soccer soft software solar sole solid solution solve
somewhat sophisticated soul soup southern sovereignty spare spark speaker species spectrum speed
spell spill spin spine spirit spiritual split spokesman sponsor spot spouse spray spread squad
square squeeze stability stable stadium stair stake stance stare starter statistics statue status
steady steal steam steel steep stem stick stiff stimulate stir stomach stone storage storm stove
straight strain strand strange stranger strategic straw stream strength strengthen stress stretch
strict strike string strip stroke structural struggle stupid submit subsequent substance substantial
substitute suburb suburban subtle succeed suck sudden sufficient suicide suit suitable suite sum
summit super superior supply supporter suppose supreme surgeon surgery surprise surprised surprising
surround survey survival survive survivor suspect suspend sustain swear sweat sweep sweet swim swing
switch symbol symptom syndrome tablespoon tackle tactic talent tank tap tape target task taste
taxpayer teaching teammate tear teaspoon technical technique teen teenager telephone telescope
temple temporary tempt tenant tend tendency tennis tension tent terms terrible territory terror
terrorism terrorist testimony testing textbook texture theater theme therapist therapy thereby
therefore thick thin thinking thirty thoroughly threaten threshold throat throw thumb ticket tide
tie tight timber tiny tip tire tissue tobacco toe toilet tolerance tomato tone tongue tool tooth
topic toss tourism tourist tournament tower toy trace track tradition traffic tragedy trail trailer
transfer transform transformation transit transition translate translation transport
transportation trap trash trauma treasure treaty trend tribal tribe trick troop tropical truck truly
trust tube tuck tunnel twin twist typical typically ugly ultimate ultimately unable uncle
uncomfortable unconscious undergo underlying undermine unemployment unexpected unfortunately
uniform union unique universal universe unknown unlike unlikely unusual upper upset urban urge
useful user utility vacation valid valley valuable van variable variation variety vast vegetable
vehicle venture verdict version vessel veteran via victory video viewer village violate violation
violent virtual virtually virtue virus visible vision visitor visual vital vitamin volume
volunteer vulnerable wage wagon waist wake wander warehouse warming warn warning warrior wash waste
wave wealth wealthy weather wedding weekend weekly weigh weird welcome welfare wet whale wheat
whisper whistle widely widespread widow wild wildlife willing wine wing winner winter wipe wire
wisdom wise withdraw witness wolf wooden wool workshop worth wound wrap wrist yield youth zone
of in on at by for with about against between into through during before after above below to
from up down out off over under again further once all any both each few more most other some
such only own same too very can will just should would could might must shall may also
`;

/** Words so frequent that they carry little meaning: their vectors are kept short. */
const WEAK_WORDS = new Set(
  `the of and to a an in is it you that he she was for on are with as i his her they be at have
   this from or had by but some what there we can out other were all your when up do their if will
   so these them would him has been did my me our us its than then into which who its not no yes
   am being been does doing done just very also too more most such only own same each any both
   about over under again once here where why how`.split(/\s+/),
);

/** WordPiece continuation pieces, so that plurals and tenses of listed words are not `[UNK]`. */
const SUFFIX_PIECES = ['##s', '##es', '##ed', '##d', '##ing', '##er', '##ers', '##ly', '##y'];

const PUNCTUATION = [...`.,;:!?'"()[]{}-_/\\@#$%&*+=<>|~\`^`];

const DIGITS = [...'0123456789'];

/**
 * The vocabulary in id order: special tokens first (`[PAD]` is id 0), then punctuation, digits
 * and their continuations, the words, and the suffix pieces. Deterministic.
 */
export function tinyModelVocabulary(): string[] {
  const tokens: string[] = [...SPECIAL_TOKENS, ...PUNCTUATION, ...DIGITS, ...DIGITS.map((digit) => `##${digit}`)];
  const seen = new Set(tokens);
  for (const raw of WORDS.split(/\s+/)) {
    // The BERT pre-tokenizer splits "don't" into "don", "'", "t": keep only plain words.
    const word = raw.toLowerCase();
    if (!/^[a-z]+$/.test(word) || seen.has(word)) continue;
    seen.add(word);
    tokens.push(word);
  }
  for (const piece of SUFFIX_PIECES) {
    if (!seen.has(piece)) tokens.push(piece);
  }
  return tokens;
}

/** Only the whole English words of the vocabulary (no special tokens, punctuation, digits or `##` pieces). */
export function tinyModelWords(): string[] {
  return tinyModelVocabulary().filter((token) => /^[a-z]+$/.test(token));
}

/** 32-bit FNV-1a hash of a string, the seed of a token's vector. */
function hashToken(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How long a token's vector is: meaningful words 1, everything else short. */
function tokenWeight(token: string): number {
  if (token === '[PAD]') return 0;
  if (token.startsWith('[')) return 0.05;
  if (/^[a-z]+$/.test(token)) return WEAK_WORDS.has(token) ? 0.15 : 1;
  if (token.startsWith('##') && /[a-z]/.test(token)) return 0.1;
  return 0.05; // punctuation and digits
}

/** The `[vocab, dimensions]` embedding table, row-major. */
export function tinyModelEmbeddingTable(vocabulary: string[], dimensions: number): Float32Array {
  const table = new Float32Array(vocabulary.length * dimensions);
  vocabulary.forEach((token, row) => {
    const random = seededRandom(hashToken(token));
    const vector = new Float64Array(dimensions);
    let norm = 0;
    for (let d = 0; d < dimensions; d++) {
      // Sum of uniforms: roughly Gaussian, so directions are spread evenly.
      const value = random() + random() + random() + random() - 2;
      vector[d] = value;
      norm += value * value;
    }
    const scale = tokenWeight(token) / (Math.sqrt(norm) || 1);
    for (let d = 0; d < dimensions; d++) table[row * dimensions + d] = (vector[d] ?? 0) * scale;
  });
  return table;
}

function tokenizerJson(vocabulary: string[]): unknown {
  const vocab: Record<string, number> = {};
  vocabulary.forEach((token, id) => {
    vocab[token] = id;
  });
  const id = (token: string): number => vocab[token] ?? 1;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: id(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'BertProcessing',
      sep: ['[SEP]', id('[SEP]')],
      cls: ['[CLS]', id('[CLS]')],
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function tokenizerConfigJson(): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    do_basic_tokenize: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    // Without it transformers.js 2.17 computes `Math.min(length, undefined)` = NaN and neither
    // pads nor truncates.
    model_max_length: TINY_MODEL_MAX_TOKENS,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}

function configJson(vocabularySize: number, dimensions: number): unknown {
  return {
    _name_or_path: 'tiny-bag-of-words',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dimensions,
    vocab_size: vocabularySize,
    max_position_embeddings: TINY_MODEL_MAX_TOKENS,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: dimensions,
    type_vocab_size: 2,
    pad_token_id: 0,
    transformers_version: '4.34.0',
  };
}

function int64Tensor(name: string, values: number[]): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({
    name,
    dataType: onnx.TensorProto.DataType.INT64,
    dims: [values.length],
    int64Data: values,
  });
}

function valueInfo(
  name: string,
  elemType: number,
  dims: Array<{ dimParam: string } | { dimValue: number }>,
): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((dim) => onnx.TensorShapeProto.Dimension.create(dim)),
        }),
      }),
    }),
  });
}

/**
 * The ONNX graph, serialised: `last_hidden_state = Gather(table, input_ids) * attention_mask[..., None]`.
 * Opset 13, IR version 7, which onnxruntime-node 1.14 runs.
 */
export function tinyModelOnnx(table: Float32Array, vocabularySize: number, dimensions: number): Uint8Array {
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const tableBytes = new Uint8Array(table.length * 4);
  const view = new DataView(tableBytes.buffer);
  table.forEach((value, i) => view.setFloat32(i * 4, value, true)); // ONNX raw data is little-endian

  const graph = onnx.GraphProto.create({
    name: 'tiny_bag_of_words',
    initializer: [
      onnx.TensorProto.create({
        name: 'embeddings.word_embeddings.weight',
        dataType: FLOAT,
        dims: [vocabularySize, dimensions],
        rawData: tableBytes,
      }),
      int64Tensor('unsqueeze_axes', [-1]),
    ],
    node: [
      onnx.NodeProto.create({
        name: 'gather_tokens',
        opType: 'Gather',
        input: ['embeddings.word_embeddings.weight', 'input_ids'],
        output: ['token_vectors'],
        attribute: [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 })],
      }),
      onnx.NodeProto.create({
        name: 'mask_to_float',
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_float'],
        attribute: [onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT })],
      }),
      onnx.NodeProto.create({
        name: 'mask_unsqueeze',
        opType: 'Unsqueeze',
        input: ['mask_float', 'unsqueeze_axes'],
        output: ['mask_expanded'],
      }),
      onnx.NodeProto.create({
        name: 'apply_mask',
        opType: 'Mul',
        input: ['token_vectors', 'mask_expanded'],
        output: ['last_hidden_state'],
      }),
    ],
    input: [
      valueInfo('input_ids', INT64, [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }]),
      valueInfo('attention_mask', INT64, [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }]),
    ],
    output: [
      valueInfo('last_hidden_state', FLOAT, [
        { dimParam: 'batch_size' },
        { dimParam: 'sequence_length' },
        { dimValue: dimensions },
      ]),
    ],
  });

  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'docs-answer-bot tiny-model',
    producerVersion: '1',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * Writes the tiny model into `dir` (created if needed; files already there are overwritten).
 * Throws a `RangeError` for dimensions outside 2..1024.
 */
export async function writeTinyModel(dir: string, options: TinyModelOptions = {}): Promise<void> {
  const dimensions = options.dimensions ?? TINY_MODEL_DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 2 || dimensions > 1024) {
    throw new RangeError(`Tiny model dimensions must be a whole number from 2 to 1024, got ${dimensions}.`);
  }
  const vocabulary = tinyModelVocabulary();
  const table = tinyModelEmbeddingTable(vocabulary, dimensions);
  const graph = tinyModelOnnx(table, vocabulary.length, dimensions);

  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await Promise.all([
    writeFile(path.join(dir, 'config.json'), json(configJson(vocabulary.length, dimensions))),
    writeFile(path.join(dir, 'tokenizer.json'), json(tokenizerJson(vocabulary))),
    writeFile(path.join(dir, 'tokenizer_config.json'), json(tokenizerConfigJson())),
    writeFile(path.join(dir, 'onnx', 'model.onnx'), graph),
    writeFile(path.join(dir, 'onnx', 'model_quantized.onnx'), graph),
  ]);
}
