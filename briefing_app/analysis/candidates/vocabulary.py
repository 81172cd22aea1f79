"""Word lists the candidate finder uses to tell names from ordinary capitalised words.

Lower-case sets of function words, months, titles, type cues (organisation,
agreement, military, place, event), countries, cities and demonyms: data
only, shared by :mod:`candidate_tokens`, :mod:`candidate_runs`,
:mod:`candidate_type_guess` and :mod:`candidates`.
"""

from __future__ import annotations

_FUNCTION_WORDS = set(
    """a an the in on at to for of by with from as and but or if when while after before since until during
    under over this that these those it its he she they we i you his her their our my your there here however
    meanwhile thus indeed also still yet although though despite according among both each every some many
    most such other another no not nor so then now today yesterday tomorrow last next earlier later instead
    unfortunately fortunately moreover furthermore nevertheless nonetheless why what who how where which
    whether following against amid around without within through because once only even just all any few
    several one two three four five six seven eight nine ten first second third speaking asked
    officials analysts experts critics observers sources residents protesters former current
    representatives will would could should may might must can do does did is are was were concerning
    regarding
    be been has have had let like unlike beyond upon above below near across toward towards""".split()
)  # fmt: skip
_MONTHS = set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady", "hon"}
# Title words that introduce a person's name ("President Yoon").
_TITLE_HEADS = set(
    """president minister secretary ambassador chancellor king queen emperor empress prince princess
    chairman chairwoman chair senator sen rep representative governor mayor director spokesperson
    spokesman spokeswoman general gen admiral adm colonel col lieutenant lt major maj captain capt
    commander cmdr sergeant sgt premier envoy adviser advisor leader chief pope commissioner
    undersecretary under-secretary deputy vice speaker justice judge professor marshal pm excellency highness
    majesty""".split()
)
_TITLE_HEADS |= {"presidents", "ministers", "secretaries", "leaders", "ambassadors", "envoys"}
_TITLE_MODIFIERS = set(
    """prime foreign defense defence finance trade unification interior home economy vice deputy chief
    cabinet national security state former acting supreme first assistant executive general lieutenant
    senior special presidential party press""".split()
)
# "of X" parts of titles: "Secretary of State", "Minister of Foreign Affairs".
_TITLE_OF = (
    "state", "defense", "defence", "foreign affairs", "national defense", "national defence", "the treasury",
    "the interior", "home affairs", "finance", "economy and finance", "trade", "unification", "justice",
    "commerce", "energy", "industry", "health", "education", "the army", "the navy", "the air force",
    "staff", "the joint chiefs of staff", "foreign affairs and trade", "economy, trade and industry",
)  # fmt: skip
_ORG_CUES = set(
    """ministry agency council institute university party committee commission organization organisation
    association union alliance center centre foundation bank fund group office department court assembly
    congress parliament senate diet cabinet government corporation company inc corp ltd co electronics
    industries holdings news times post herald journal network service services bureau authority secretariat
    forum program programme school academy society federation league board house nations hynix steel
    motors administration""".split()
)
_AGREEMENT_CUES = set(
    "agreement treaty accord accords pact declaration convention protocol act charter partnership framework communique "
    "statement memorandum deal paper report strategy review guidelines doctrine".split()
)
_MILITARY_CUES = set(
    "forces force army navy fleet command corps brigade division regiment battalion guard marines "
    "squadron wing staff uss hms jds rokn".split()
)
_PLACE_CUES = set(
    "sea ocean strait peninsula island islands islets river bay gulf mountains mountain province prefecture "
    "city county district region valley lake canal base airport port harbor harbour complex zone camp "
    "square street site state station asia europe africa america americas pacific atlantic arctic "
    "antarctica oceania indo-pacific asia-pacific".split()
)
_EVENT_CUES = set(
    "summit war games olympics exercise drills forum dialogue crisis conference revolution incident "
    "talks shield storm".split()
)
_COUNTRIES = {
    c.strip().lower()
    for c in """Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|
    Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|Brazil|
    Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Comoros|Congo|
    Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|
    Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|
    Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|
    Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Korea|North Korea|South Korea|Kosovo|Kuwait|
    Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|
    Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|
    Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|
    North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|
    Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|
    Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|
    Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Timor-Leste|East Timor|Togo|
    Tonga|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|
    United Kingdom|United States|United States of America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|
    Vietnam|Yemen|Zambia|Zimbabwe|Republic of Korea|Democratic People's Republic of Korea|Hong Kong|Macau""".split("|")
}
_CITIES = {
    c.strip().lower()
    for c in """Tokyo|Seoul|Beijing|Pyongyang|Washington|Moscow|Taipei|Manila|Hanoi|Bangkok|Jakarta|Canberra|
    Sydney|Singapore|London|Paris|Berlin|Brussels|Geneva|Vienna|Rome|Kyiv|Kiev|Delhi|New Delhi|Mumbai|Osaka|
    Kyoto|Busan|Incheon|Daegu|Gwangju|Okinawa|Hokkaido|Nagasaki|Hiroshima|Yokosuka|Sasebo|Fukushima|Shanghai|
    Hong Kong|Vladivostok|Phnom Penh|Ulaanbaatar|Vilnius|Madrid|Ottawa|Honolulu|Guam|Hawaii|San Diego|
    New York|Los Angeles|San Francisco|Camp David|Panmunjom|Kaesong|Jeju|Ulsan|Nagoya|Kobe|Sapporo|Fukuoka|
    Hiroshima|Dokdo|Takeshima|Senkaku|Diaoyu|Taiwan Strait|Hawaii|Alaska|Kabul|Tehran|Baghdad|Ankara|
    Islamabad|Kuala Lumpur|Wellington|Auckland|Dhaka""".split("|")
}
_DEMONYMS = set(
    """american chinese japanese korean russian taiwanese british french german indian australian european
    asian ukrainian filipino vietnamese thai indonesian canadian israeli iranian pakistani turkish italian
    spanish polish dutch swedish mexican brazilian saudi arab egyptian african soviet mongolian
    kazakh singaporean malaysian burmese cambodian laotian nepali afghan iraqi syrian ukrainians
    americans koreans japanese chinese russians""".split()
)
# Capitalised adjectives that are not names on their own ("Western allies").
_ADJECTIVES = set("western eastern northern southern allied imperial communist democratic republican".split())
_COMMON_ACRONYMS = {"I", "A", "OK", "TV", "AM", "PM", "AD", "BC", "CEO", "GDP", "II", "III", "IV", "AI"}
_COUNTRY_ACRONYMS = {"us", "u.s.", "u.s", "usa", "u.s.a.", "uk", "u.k.", "prc", "dprk", "rok", "roc", "uae"}
_COMPASS = {"east", "west", "north", "south", "central", "southeast", "northeast", "southwest", "northwest"}
# Lower-case words allowed inside a name between capitalised words ("Sea of Japan").
_CONNECTORS = {"of", "for", "the", "de", "del", "da", "van", "von", "bin", "al", "on", "and"}

# Common nouns that headlines, captions and titles capitalise ("People watch ...", "Administration"):
# alone they are never a name. Single institutions called by one word ("Congress", "the Diet",
# "Cabinet") and continents are not among them.
_GENERIC_NOUNS = set(
    """people person man woman men women children leaders leader officials official government
    administration nation nations country countries state states world region today news story
    statement statements remarks readout sheet release photo image video file update report people's
    relations ties cooperation partnership
    office ministry agency council committee commission department bureau authority board group
    army navy force forces military troops police court minister president summit meeting talks
    conference agreement treaty deal pact accord""".split()
)  # fmt: skip
_PROPER_ONE_WORD = {"congress", "parliament", "senate", "diet", "cabinet", "pentagon", "kremlin", "nato"}
# Words of titled generic phrases: "Joint Statement", "Trilateral Leaders Summit", "Fact Sheet".
_GENERIC_MODIFIERS = set(
    """joint trilateral bilateral multilateral annual special historic first second third new
    final full official leaders leaders' ministerial high-level press fact summit opening closing
    inaugural extraordinary emergency""".split()
)  # fmt: skip
_GENERIC_HEADS = {
    "statement", "statements", "summit", "meeting", "talks", "remarks", "conference", "readout", "sheet",
    "release", "declaration", "communique", "briefing", "session", "consultations",
}  # fmt: skip
# "N Korea", "S. Korea", "E Timor": one-letter compass abbreviations in headlines.
_COMPASS_LETTERS = {"n": "north", "s": "south", "e": "east", "w": "west"}


def is_demonym(word: str) -> bool:
    """A nationality word formed from a country of the gazetteer: "Venezuelan", "Cubans", "Israeli"."""
    w = word.lower().replace("’", "'")
    if w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if w in _DEMONYMS:
        return True
    for suffix in ("n", "an", "ian", "i", "ese", "ish"):
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if stem in _COUNTRIES or stem + "a" in _COUNTRIES or stem + "o" in _COUNTRIES or stem + "e" in _COUNTRIES:
                return True
    return False
