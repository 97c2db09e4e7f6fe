"""Built-in, hand-written vocabulary for common news sections.

Used when a configured topic has one of these slugs and no keywords of its own,
so a new user gets sensible topics by listing names only. Written from general
knowledge of each field (not fitted to any evaluation set).

Conventions:
- a term written with a capital letter matches only capitalised text ("Apple"
  the company, not the fruit; "Labour" the party, not the labour market);
  lower-case terms match any case;
- plurals and possessives are matched by the topic matcher's light stemming,
  so "chip" also matches "chips" and "Apple's";
- weights: 3 = almost only used in this field, 2 = strong, 1 = typical,
  0.5 = common in this field but also elsewhere.

Besides the per-section vocabularies: CONTEXT_ONLY (words with a common second sense), PLACES (places
abroad), GENERIC_GOVERNMENT (words of government that name no country) and URL_SECTIONS (section names
in article URLs); each says where it comes from.
"""
from __future__ import annotations

Terms = tuple[tuple[str, float], ...]


def _words(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated words."""
    return frozenset(text.split())


def _word_sequence(text: str) -> tuple[str, ...]:
    """A word list in written order (for lists whose first words name the reason shown to a reader)."""
    return tuple(dict.fromkeys(text.split()))


def _terms(groups: dict[float, str]) -> Terms:
    """Turn {weight: "term, term, ..."} into ((term, weight), ...)."""
    pairs: list[tuple[str, float]] = []
    for weight, text in groups.items():
        pairs.extend((term.strip(), weight) for term in text.split(",") if term.strip())
    return tuple(pairs)


WORLD = _terms({
    3.0: """United Nations, UN Security Council, Security Council, peacekeepers, peacekeeping, foreign minister,
        foreign ministry, humanitarian aid, aid agencies, refugee camp, ceasefire, cease-fire, peace talks,
        peace process, war crimes, genocide, insurgents, insurgency, militants, warlord, coup, junta""",
    2.0: """UN, NATO, embassy, ambassador, diplomat, diplomats, diplomatic, summit, treaty, sanctions, troops,
        refugees, refugee, humanitarian, rebels, rebel, hostage, hostages, airstrike, air strikes, shelling,
        invasion, occupation, annexation, civil war, regime, dictator, separatist, Kremlin, Pentagon,
        Middle East, Taliban, al-Qaeda, Hamas, Hezbollah, Islamic State, Gaza, West Bank, Red Cross,
        famine, tsunami, earthquake, foreign secretary, secretary of state, international community""",
    1.0: """war, conflict, military, army, soldiers, border, bombing, suicide bomber, bomb, explosion, attack,
        killed, death toll, protesters, protest, uprising, crackdown, president, prime minister, leaders,
        foreign, international, overseas, allies, nuclear programme, nuclear weapons, missile, terrorism,
        terrorist, Iraq, Iraqi, Afghanistan, Afghan, Syria, Syrian, Israel, Israeli, Palestinian, Iran,
        Iranian, North Korea, Pyongyang, Russia, Russian, Ukraine, Ukrainian, China, Chinese, Beijing,
        Moscow, Baghdad, Kabul, Tehran, Jerusalem, Africa, African, Asia, Asian, Latin America, Sudan,
        Darfur, Somalia, Congo, Zimbabwe, Pakistan, India, Indonesia, Venezuela, Lebanon, Yemen, Libya,
        Egypt, Saudi Arabia, Turkey, Kashmir, Palestinians, flood, floods, hurricane, cyclone, typhoon""",
    0.5: """government, minister, officials, capital, region, country, countries, nation, elections, vote,
        Europe, European, EU, America, France, Germany, Japan, Washington""",
})

POLITICS = _terms({
    3.0: """impeachment, impeached, filibuster, midterms, midterm elections, gubernatorial, caucus, caucuses,
        Bundestag, Knesset, Dáil, Taoiseach, Brexit,
        Labour party, Conservative party, Liberal Democrats, Lib Dems, Lib Dem, Tory, Tories, SNP, Plaid Cymru,
        UKIP, Downing Street, House of Commons, House of Lords, Commons, Westminster, Whitehall, MP, MPs,
        MSP, MSPs, backbencher, backbenchers, backbench, frontbench, shadow cabinet, shadow chancellor,
        shadow home secretary, shadow secretary, general election, by-election, manifesto, constituency,
        constituencies, electorate, polling day, Parliament, parliamentary, Prime Minister's Questions,
        Senate, senator, senators, Congress, congressman, congresswoman, congressional, Democrats,
        Republicans, Democratic party, Republican party, GOP, White House, Capitol Hill, campaign trail,
        spin doctor, cabinet minister, home secretary, Home Office, party leader, party conference,
        leadership contest, opposition leader, select committee, Electoral Commission""",
    2.0: """Labour, Conservative, Conservatives, Liberal, Democrat, Republican, election, elections, voters,
        voter, vote, votes, voting, ballot, ballots, polls, opinion poll, campaign, campaigning, candidate,
        candidates, cabinet, minister, ministers, ministerial, secretary of state, chancellor, opposition,
        legislation, bill, bills, act of parliament, law, laws, lawmakers, legislators, legislature,
        government, peers, referendum, devolution, Scottish Parliament, Welsh Assembly, governor, mayor,
        councillor, councillors, politician, politicians, political, politics, policy, policies, reform,
        reforms, asylum, immigration, civil liberties, ID cards, identity cards, anti-terror laws,
        spending plans, public services, taxpayers, tax cuts, pledge, pledges, pledged, debate, debates,
        coalition, minority government, incumbent, president, presidential, whip, whips""",
    1.5: """Labor, Greens, Supreme Court,
        seat, seats, council, assembly, Budget""",
    1.0: """leader, leadership, party, parties, majority, Speaker, inquiry, committee, tax, taxes, council tax,
        spending, welfare, benefits, pensions, education, schools, NHS, police, crime, prisons, justice,
        rights, human rights, civil servants, lobby, lobbying, donors, donation, funding, scandal, resign,
        resignation, sacked""",
    0.5: """officials, critics, rivals, announced, plans, proposals, scheme, report, public, row, criticised,
        accused, claims, court, judges, ruling""",
})

BUSINESS = _terms({
    3.0: """shareholders, shareholder, share price, share prices, stock market, stock exchange, stockmarket,
        profits, pre-tax profits, operating profit, net profit, quarterly profit, quarterly results, earnings,
        revenues, turnover, dividend, dividends, takeover, takeover bid, merger, mergers, acquisition,
        acquisitions, chief executive, chief financial officer, CEO, CFO, board of directors,
        interest rates, interest rate, inflation, GDP, gross domestic product, economic growth, recession,
        central bank, Federal Reserve, Bank of England, European Central Bank, ECB, IMF,
        International Monetary Fund, World Bank, WTO, World Trade Organization, FTSE, FTSE 100, Dow Jones,
        Nasdaq, Nikkei, Dax, CAC, Wall Street, City of London, investors, investor, analysts, bankruptcy,
        insolvency, creditors, bondholders, equities, hedge fund, private equity, venture capital, IPO,
        flotation, trade deficit, current account, budget deficit, exports, imports, exporters, tariffs,
        tariff, euro zone, eurozone, OPEC, crude oil, oil prices, oil price, Brent crude, consumer spending,
        retail sales, retailer, retailers, housing market, house prices, mortgage, mortgages, unemployment,
        jobless""",
    2.0: """economy, economic, economies, economist, economists, market, markets, firm, firms, company,
        companies, corporation, corporate, business, businesses, industry, industries, sector, profit,
        revenue, sales, stake, shares, share, stock, stocks, bonds, trading, traders, trade, investment,
        investments, invest, invested, fund, funds, finance, financial, bank, banks, banking, banker, bankers,
        lender, lenders, loan, loans, debt, debts, credit, currency, currencies, dollar, euro, yen, sterling,
        yuan, exchange rate, growth, forecast, forecasts, outlook, quarter, quarterly, annual results, fiscal,
        monetary, prices, price, jobs, job cuts, workforce, employees, factory, factories, manufacturing,
        manufacturer, manufacturers, output, production, productivity, demand, supply, supplier, suppliers,
        customers, consumer, consumers, brand, brands, retail, shop, shops, store, stores, supermarket,
        supermarkets, airline, airlines, car maker, carmaker, insurer, insurance, pension fund, accounts,
        accounting, audit, regulator, regulators, monopoly, antitrust, watchdog, subsidiary, subsidiaries,
        executive, executives, boss, bosses, commodity, commodities, oil, gas, energy, steel, telecoms,
        pharmaceutical, barrel, barrels, chairman""",
    1.5: """deal, deals, bid, rates, workers, strike, management, property, loss, losses""",
    1.0: """billion, million, per cent, percent, buy, bought, sold, costs, cost, staff, union, unions, chain,
        carrier, competition, administration, listing, Budget, chancellor, tax, taxes, pension, pensions""",
    0.5: """rise, rose, fell, fall, drop, dropped, increase, increased, cut, cuts, year-on-year, figures,
        results, expected, spending, China, India, Japan, US""",
})

TECHNOLOGY = _terms({
    3.0: """Facebook, Twitter, Instagram, TikTok, WhatsApp, YouTube, Snapchat, LinkedIn, Reddit, Android, iOS,
        macOS, MacBook, Chromebook, ChatGPT, OpenAI, chatbot, chatbots, machine learning, large language model,
        generative AI, cryptocurrency, cryptocurrencies, crypto, bitcoin, blockchain, NFT, ransomware,
        data breach, cyber-attack, cyberattack, cyber attack, Nvidia, AMD, Qualcomm, Huawei, Xiaomi, tech giant,
        tech giants, big tech,
        software, hardware, computer, computers, computing, laptop, laptops, internet, website, websites, web,
        web browser, browser, browsers, broadband, wi-fi, wifi, wireless, Bluetooth, smartphone, smartphones,
        mobile phone, mobile phones, mobiles, handset, handsets, gadget, gadgets, tablet, iPod, iPhone, iPad,
        iTunes, MP3, MP3 player, digital music, music downloads, download, downloads, downloaded,
        downloading, file-sharing, file sharing, peer-to-peer, P2P, BitTorrent, Napster, Kazaa, Microsoft,
        Apple, Google, Intel, IBM, Yahoo, eBay, Amazon, AOL, Nokia, Motorola, Samsung, Sony Ericsson, Dell,
        Hewlett-Packard, HP, Linux, Windows, operating system, open source, Firefox, Mozilla,
        Internet Explorer, search engine, search engines, email, e-mail, emails, e-mails, spam, spammers,
        phishing, virus, viruses, worm, malware, spyware, adware, hacker, hackers, hacking, cyber,
        cybercrime, cyber-security, cybersecurity, firewall, encryption, password, passwords, chip, chips,
        microchip, processor, processors, semiconductor, semiconductors, chipmaker, silicon, Silicon Valley,
        gigabyte, gigabytes, megabyte, megabytes, terabyte, bandwidth, server, servers, database, databases,
        data centre, cloud computing, artificial intelligence, AI, algorithm, algorithms, robot, robots,
        robotics, programmer, programmers, programming, developer, developers, video game, video games,
        games console, console, consoles, PlayStation, Xbox, Nintendo, gamers, gaming, gameplay, blog, blogs,
        blogger, bloggers, blogging, podcast, podcasts, podcasting, social network, social media, VoIP,
        Skype, 3G, 4G, 5G, GPS, satellite navigation, high-definition, HDTV, hi-def, flat screen, plasma,
        LCD, camera phone, camera phones, digital camera, digital cameras, DVD, DVDs, Blu-ray, PVR, TiVo,
        set-top box, technology, technologies, tech, hi-tech, high-tech, techie, geek, geeks, e-commerce,
        app, apps, gizmo""",
    2.0: """Spotify, Meta, Twitch, Discord, Zoom, drone, drones, self-driving, driverless, autonomous vehicle,
        startup, start-up, startups, start-ups, Uber, Airbnb,
        PC, PCs, online, users, digital, device, devices, electronic, electronics, network, networks,
        networking, telecoms, telecommunications, mobile, phone, phones, keyboard, display, data,
        security flaw, security hole, vulnerability, video, multimedia, media player, portable, storage,
        sensor, sensors, chipset, Sony, PSP, virtual, online games, multiplayer, interactive, text message,
        text messages, texting, SMS, instant messaging, chatroom, chatrooms, pirates, piracy, copyright,
        patent, patents, on-demand, streaming, stream, subscribers, subscriber, net users, web users,
        surfers, spam filter, URL""",
    1.5: """update, upgrade, version, code, coding, patch, prototype, innovation, invention, camera, cameras,
        battery, batteries, format, formats""",
    1.0: """Tesla, Netflix, electric vehicle, electric vehicles,
        screen, screens, memory, engineers, engineering, researchers, TV, content, standard, standards,
        site, sites, domain, traffic, chat, licence, licensing, games, game, launch, system, systems,
        machines, machine, science, scientists, research, service, services, access, connection,
        connections, speed, speeds, faster, smaller, cheaper, features""",
})

SCIENCE = _terms({
    3.0: """climate crisis, James Webb, Webb telescope, SpaceX,
        scientist, scientists, scientific, physicist, physicists, physics, chemist, chemistry, biologist,
        biology, astronomer, astronomers, astronomy, astrophysics, NASA, ESA, space agency, spacecraft,
        space probe, telescope, Hubble, orbit, orbiting, planet, planets, exoplanet, Mars, Jupiter, Saturn,
        asteroid, comet, galaxy, galaxies, universe, black hole, big bang, cosmic, International Space Station,
        astronaut, astronauts, genome, genetic, genetics, gene, genes, DNA, RNA, molecule, molecules,
        molecular, particle, particles, quantum, evolution, evolutionary, fossil, fossils, dinosaur,
        dinosaurs, palaeontologist, species, biodiversity, ecosystem, ecosystems, ecologist, ecology,
        climate change, global warming, greenhouse gas, greenhouse gases, carbon dioxide, CO2, Kyoto,
        ice sheet, glacier, glaciers, Arctic, Antarctic, Antarctica, sea level, volcano, volcanic, geologist,
        geology, archaeologist, archaeologists, archaeology, excavation, peer-reviewed, journal Nature,
        journal Science""",
    2.0: """rocket, rockets, net zero, fossil fuels, heatwave, heatwaves, drought, wildfires,
        research, researchers, study, studies, findings, discovery, discovered, theory, hypothesis, data,
        analysis, measurements, university, professor, academic, academics, institute, space, Moon, lunar,
        solar, stars, Earth, atmosphere, ocean, oceans, marine, climate, environment, environmental, emissions,
        wildlife, animals, animal, plants, insects, birds, bird, fish, mammals, extinct, extinction, habitat,
        conservation, carbon, nuclear fusion, renewable, solar power, wind power, pollution, cells, cell,
        stem cells, stem cell, bacteria, microbes, organism, organisms, brain, neuroscience, protein,
        proteins, enzyme, chemical, chemicals, material, materials, laser, nanotechnology, ancient, bones,
        skeleton, prehistoric, million years ago, laboratory, lab, experiment, experiments""",
    1.0: """experts, evidence, results, team, model, models, published, journal, sample, samples, observed,
        measured, technology, engineering, launch, mission, satellite, satellites, probe, Sun, energy,
        robot, remains""",
})

HEALTH = _terms({
    3.0: """Covid, Covid-19, COVID-19, coronavirus, booster, boosters, long Covid, intensive care, ICU, mpox,
        monkeypox, Omicron, Pfizer, Moderna, AstraZeneca, infection rate, infection rates, jab, jabs,
        NHS, National Health Service, hospital, hospitals, doctor, doctors, GP, GPs, nurse, nurses, nursing,
        patient, patients, surgeon, surgeons, A&E, clinic, clinics, clinical trial, clinical trials,
        medicine, medicines, medical, medication, prescription, prescriptions, drug trial, disease, diseases,
        illness, illnesses, cancer, cancers, tumour, tumours, chemotherapy, heart disease, heart attack,
        diabetes, obesity, obese, asthma, dementia, Alzheimer, Parkinson, HIV, Aids, malaria, tuberculosis,
        TB, measles, MMR, flu, influenza, bird flu, pandemic, epidemic, outbreak, infection, infections,
        infectious, vaccine, vaccines, vaccination, vaccinations, immunisation, antibiotic, antibiotics,
        superbug, MRSA, symptoms, diagnosis, diagnosed, transplant, mental health, anxiety, schizophrenia,
        autism, pregnancy, pregnant, maternity, midwives, IVF, fertility, health service, public health,
        healthcare, health care, World Health Organization, WHO, Department of Health, health secretary,
        health minister, smoking, smokers, cigarettes, tobacco, binge drinking, nutrition, calories""",
    2.5: """surgery, therapy, therapies""",
    2.0: """lockdown, lockdowns, face masks,
        health, healthy, unhealthy, carers, care homes, waiting lists, waiting times, ambulance, paramedics,
        dental, dentist, dentists, pharmacist, pharmacy, pharmaceutical, dose, doses, side effects,
        blood, blood pressure, cholesterol, heart, lungs, liver, kidney, brain, virus, viruses, bacteria,
        infected, immune, chronic, disorder, disorders, syndrome, ill, sick, sickness, mortality,
        life expectancy, screening, scan, scans, medical research, exercise, overweight, junk food, sleep,
        stress, wellbeing, well-being, treatment, treatments, stroke, depression, diet, diets, alcohol,
        fitness""",
    1.5: """care, ward, wards, beds, drug, drugs, pain, deaths, elderly, baby, babies, birth, births, newborn,
        weight, sugar, salt, fat""",
    1.0: """variant, variants, masks, testing, positive, cases, research, trial, trials, experts, evidence, risk, risks, risk factor, condition, conditions, injury,
        injuries, operation, genetic, gene, study, studies, researchers, children, age, older""",
})

SPORT = _terms({
    3.0: """Super Bowl, Stanley Cup, World Series, MLB, MLS, quarterback, touchdown, IPL, UFC, AFL, NRL,
        grand final, All Blacks, Wallabies, Socceroos, Matildas, Wimbledon champion,
        football, footballer, footballers, soccer, striker, strikers, midfielder, midfielders, defender,
        defenders, goalkeeper, goalkeepers, keeper, winger, full-back, centre-back, Premiership, Premier League,
        Champions League, Uefa Cup, UEFA Cup, Europa League, FA Cup, Carling Cup, League Cup, Fifa, FIFA, Uefa,
        UEFA, World Cup, Bundesliga, Serie A, La Liga, Arsenal, Chelsea, Liverpool, Manchester United,
        Man Utd, Man United, Manchester City, Man City, Tottenham, Spurs, Everton, Newcastle United,
        Aston Villa, Celtic, Rangers, Real Madrid, Barcelona, Juventus, AC Milan, Inter Milan, Bayern Munich,
        rugby, rugby union, rugby league, Six Nations, Tri-Nations, Heineken Cup, fly-half, scrum-half,
        scrum, lineout, try-line, cricket, cricketer, cricketers, Test match, Test series, wicket, wickets,
        batsman, batsmen, bowler, bowlers, innings, Ashes, one-day international, ODI, Twenty20, tennis,
        Wimbledon, Grand Slam, Australian Open, French Open, US Open, Davis Cup, seeded, top seed, ATP, WTA,
        athletics, athlete, athletes, sprinter, sprinters, sprint, marathon, hurdles, hurdler, high jump,
        long jump, triple jump, pole vault, javelin, Olympic, Olympics, Olympian, Paralympic, Paralympics,
        IAAF, medal, medals, gold medal, silver medal, bronze medal, medallist, world record, world champion,
        world championship, world championships, European Championships, doping, drugs test, drug test,
        anti-doping, Wada, golf, golfer, golfers, Ryder Cup, PGA, Open Championship, Masters, boxing, boxer,
        heavyweight, middleweight, bout, Formula One, F1, Grand Prix, motor racing, racing driver,
        horse racing, jockey, racecourse, Cheltenham, Grand National, snooker, darts, cycling, cyclist,
        Tour de France, NFL, NBA, baseball, basketball, ice hockey, NHL, referee, referees, linesman,
        umpire, half-time, extra time, penalty shoot-out, own goal, hat-trick, injury time, stoppage time,
        red card, yellow card, sending-off, sent off, relegation, relegated, play-off, play-offs,
        transfer window, transfer fee, league table, title race""",
    2.0: """match, matches, goal, goals, scored, scoring, scorer, season, league, cup, semi-final, semi-finals,
        quarter-final, quarter-finals, tournament, tournaments, championship, championships, champion,
        champions, fixture, fixtures, team, teams, squad, squads, club, clubs, player, players, coach,
        coaches, coaching, manager, captain, skipper, debut, injury, injured, hamstring, ankle, groin, fans,
        supporters, stadium, pitch, runner, runners, rider, personal best, tie-break, break point, sport,
        sports, sporting, sportsman, sportswoman, Olympic Games, Commonwealth Games, compete, competing,
        game, games""",
    1.5: """win, wins, won, victory, defeat, defeated, beat, beaten, draw, drew, final, finals, title, comeback,
        race, races, racing, seed""",
    1.0: """lose, lost, loss, points, side, ground, record, boss, international, cap, caps, selection, selected,
        fitness, training, trainer, competition, rival, rivals, opponent, opponents, contract, signing,
        transfer, ball, kick, shot, shots, second half, first half, played, playing, promotion""",
    0.5: """signed, loan, England, Scotland, Wales, Ireland, France, Italy, Australia, New Zealand,
        South Africa""",
})

ENTERTAINMENT = _terms({
    3.0: """Netflix, HBO, Disney+, streaming service, box set, Marvel, Eurovision, Strictly Come Dancing,
        Billboard, Tony Awards,
        film, films, movie, movies, cinema, cinemas, box office, Hollywood, Bollywood, actor, actors, actress,
        actresses, film director, film-maker, film-makers, filmmaker, screenplay, screenwriter, sequel,
        blockbuster, Oscar, Oscars, Academy Award, Academy Awards, Bafta, Baftas, Golden Globe, Golden Globes,
        Grammy, Grammys, Brit Awards, Emmy, Emmys, Mercury Prize, Cannes, Sundance, film festival, premiere,
        red carpet, star-studded, starring, co-star, biopic, animated film, animation, Pixar, Disney,
        DreamWorks, Miramax, Warner Bros, Paramount, Universal Pictures, Sony Pictures, MGM, album, albums,
        singer, singers, songwriter, singer-songwriter, rock band, pop star, popstar, rapper, rappers,
        hip-hop, R&B, guitarist, drummer, bassist, frontman, lead singer, concert, concerts, gig, gigs,
        Glastonbury, record label, record company, EMI, BMG, musician, musicians, song, songs, lyrics,
        music video, MTV, sitcom, soap opera, EastEnders, Coronation Street, reality TV, reality show,
        Big Brother, X Factor, Pop Idol, American Idol, talent show, TV show, chat show, game show,
        TV series, television series, drama series, comedy series, BBC One, BBC Two, ITV, Channel 4,
        BBC Three, Sky One, episode, episodes, presenter, presenters, comedian, comedians, stand-up, comedy,
        West End, Broadway, playwright, stage show, ballet, opera, novelist, bestseller, bestselling,
        Booker Prize, Whitbread, literary prize, celebrity, celebrities, showbiz, showbusiness,
        entertainment, entertainer, Hollywood star, superstar, paparazzi""",
    2.5: """chart, charts, musical, musicals""",
    2.0: """band, bands, pop, rap, punk, indie, festival, soap, viewers, audience, audiences, theatre, novel,
        novels, tabloid, fame, star, stars, starred, director, directed, producer, producers, studio,
        studios, cast, nominated, nomination, nominations, nominee, nominees, award, awards, ceremony,
        prize, best actor, best actress, best film, best picture, best director, music, fans, stage,
        performer, performers, performed, television, channel, broadcast, broadcaster, series, drama, documentary, documentaries, book, books, writer, writers, poet, poetry,
        art, artist, artists, gallery, exhibition, museum, painting, paintings, dance, dancer, dancers,
        fashion, designer, tickets, royalties, Beatles, Elvis, Madonna, Rolling Stones, U2""",
    1.5: """single, singles, number one, top 10, top ten, rock, tour, touring, ratings""",
    1.0: """podcast, Spotify, programme, programmes,
        release, released, role, roles, character, characters, script, scene, scenes, screen, screening,
        winner, winners, record, records, hit, hits, label, performance, TV, author, authors, icon, legend,
        veteran, critics, critic, review, reviews, copies, famous, classic""",
})

# Field vocabulary a section editor would recognise, added so that short feed teasers (a title and about
# 180 characters) carry enough evidence. Written from general knowledge of each field: international bodies
# and the world's countries, capitals and demonyms; the institutions, offices and office-holders of US and UK
# politics; market, company and household-money terms and large listed companies; technology products and
# firms; science fields and bodies; diseases, medicines and health agencies; the major leagues, competitions
# and clubs of team sports; film, TV, music and books. Office-holders: current heads of state and government
# of large countries (world), and US presidents and UK prime ministers and main party leaders since 1979
# (politics), surnames alone only where they are distinctive. No names of particular news events.
WORLD_MORE_BODIES = _terms({
    2.0: """G7, G20, African Union, ASEAN, European Commission, European Parliament, International Criminal Court,
        ICC, IAEA, UNHCR, UNICEF, Amnesty International, Human Rights Watch, World Food Programme,
        state media, state television, foreign minister, foreign ministry, prime minister's office,
        Vladimir Putin, Putin, Volodymyr Zelensky, Zelensky, Zelenskyy, Xi Jinping, Narendra Modi, Modi,
        Emmanuel Macron, Macron, Olaf Scholz, Scholz, Recep Tayyip Erdogan, Erdogan, Benjamin Netanyahu,
        Netanyahu, Kim Jong Un, Kim Jong-un, Lula, Justin Trudeau, Trudeau, Anthony Albanese, Albanese,
        Giorgia Meloni, Meloni, Pope Francis, Vatican, Kyiv, Kiev, Kremlin, Gaza Strip""",
})

WORLD_PLACES = _terms({
    1.5: """Afghanistan, Albania, Algeria, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahrain,
        Bangladesh, Belarus, Belgium, Bolivia, Bosnia, Botswana, Brazil, Bulgaria, Burkina Faso, Burundi,
        Cambodia, Cameroon, Canada, Chile, Colombia, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic,
        Denmark, Dominican Republic, Ecuador, El Salvador, Eritrea, Estonia, Ethiopia, Finland, France,
        Gabon, Gambia, Germany, Ghana, Greece, Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland,
        Indonesia, Iran, Iraq, Israel, Italy, Ivory Coast, Jamaica, Japan, Kazakhstan, Kenya, Kosovo, Kuwait,
        Kyrgyzstan, Laos, Latvia, Lebanon, Liberia, Libya, Lithuania, Luxembourg, Madagascar, Malawi,
        Malaysia, Mali, Malta, Mauritania, Mexico, Moldova, Mongolia, Montenegro, Morocco, Mozambique,
        Myanmar, Burma, Namibia, Nepal, Netherlands, New Zealand, Nicaragua, Niger, Nigeria, North Korea,
        Norway, Oman, Pakistan, Panama, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania,
        Russia, Rwanda, Saudi Arabia, Senegal, Serbia, Sierra Leone, Singapore, Slovakia, Slovenia, Somalia,
        South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Sweden, Switzerland, Syria, Taiwan,
        Tajikistan, Tanzania, Thailand, Tunisia, Turkey, Turkmenistan, Uganda, Ukraine, United Arab Emirates,
        UAE, Uruguay, Uzbekistan, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Hong Kong, Tibet, Xinjiang,
        West Bank, Balkans, Sahel, Caribbean, Latin America, Middle East, Black Sea, Central Asia,
        Southeast Asia, East Africa, West Africa, North Africa""",
    1.0: """Afghan, Algerian, Argentine, Argentinian, Armenian, Australian, Austrian, Belgian, Bolivian,
        Brazilian, Canadian, Chilean, Chinese, Colombian, Cuban, Danish, Dutch, Egyptian, Ethiopian, Filipino,
        Finnish, French, German, Ghanaian, Greek, Haitian, Hungarian, Indian, Indonesian, Iranian, Iraqi,
        Israeli, Italian, Japanese, Kenyan, Korean, Lebanese, Libyan, Malaysian, Mexican, Moroccan,
        Nigerian, Norwegian, Pakistani, Palestinian, Peruvian, Polish, Portuguese, Russian, Rwandan, Saudi,
        Serbian, Somali, Spanish, Sudanese, Swedish, Swiss, Syrian, Taiwanese, Thai, Turkish, Ugandan,
        Ukrainian, Venezuelan, Vietnamese, Yemeni, Berlin, Rome, Madrid, Tokyo, Seoul, New Delhi, Delhi,
        Islamabad, Damascus, Cairo, Nairobi, Lagos, Johannesburg, Addis Ababa, Khartoum, Mexico City,
        Brasilia, Buenos Aires, Caracas, Bogota, Ottawa, Canberra, Manila, Jakarta, Bangkok, Hanoi, Taipei,
        Brussels, Warsaw, Budapest, Athens, Ankara, Istanbul, Riyadh, Doha, Beirut, Minsk, Belgrade,
        Kinshasa, Paris""",
})

# Demonyms the list above lacks, so a place abroad is recognised however it is named ("Uzbek leader",
# "Nepali sherpa").
WORLD_DEMONYMS = _terms({
    1.0: """Albanian, Angolan, Azerbaijani, Bangladeshi, Belarusian, Bosnian, Bulgarian, Burmese, Cambodian,
        Cameroonian, Chadian, Congolese, Croatian, Cypriot, Czech, Ecuadorian, Emirati, Eritrean, Estonian,
        Guatemalan, Honduran, Icelandic, Ivorian, Jamaican, Jordanian, Kazakh, Kosovan, Kuwaiti, Kyrgyz,
        Latvian, Lithuanian, Malian, Maltese, Mongolian, Mozambican, Nepali, Nepalese, Nicaraguan,
        Paraguayan, Qatari, Romanian, Salvadoran, Senegalese, Slovak, Slovenian, Sri Lankan, Tajik, Tanzanian,
        Tunisian, Turkmen, Uruguayan, Uzbek, Zambian, Zimbabwean""",
})

# Places abroad as seen from a UK or US desk (the US and UK themselves name no foreign place): the gazetteer
# above, the demonyms, and the countries, capitals and regions of the World list.
PLACES: frozenset[str] = frozenset(term for term, _ in WORLD_PLACES + WORLD_DEMONYMS) | frozenset((
    "Kyiv", "Kiev", "Gaza Strip", "Gaza", "Pyongyang", "China", "Beijing", "Moscow", "Baghdad", "Kabul", "Tehran",
    "Jerusalem", "Africa", "African", "Asia", "Asian", "Darfur", "Congo", "India", "Egypt", "Kashmir",
    "Palestinians"))

WORLD_WAR = _terms({
    1.0: """migrants, migrant, asylum seekers, abroad, overseas, foreign, villagers""",
    2.5: """front line, frontline, armed forces, civilians, air strike, drone strike, missile strike,
        artillery, counteroffensive, counter-offensive, warplanes, fighter jets, militia, militias,
        paramilitary, guerrillas, gangs, cartel, cartels, Red Sea, South China Sea""",
})

POLITICS_MORE = _terms({
    3.0: """House Republicans, House Democrats, Senate Republicans, Senate Democrats, Speaker of the House,
        House Speaker, Biden administration, Trump administration, Oval Office, executive order,
        special counsel, grand jury, attorney general, Justice Department, Department of Justice,
        presidential campaign, presidential race, presidential election, primary election, swing state,
        state legislature, Republican National Committee, Democratic National Committee, RNC, DNC,
        debt ceiling, Joe Biden, Biden, Donald Trump, Trump, Kamala Harris, Ron DeSantis, DeSantis,
        Mike Pence, Pence, Kevin McCarthy, Mitch McConnell, McConnell, Chuck Schumer, Schumer,
        Nancy Pelosi, Pelosi, Hakeem Jeffries, Rishi Sunak, Sunak, Keir Starmer, Starmer, Boris Johnson,
        Liz Truss, Nicola Sturgeon, Jeremy Hunt, Suella Braverman, Prime Minister's Questions, PMQs,
        Sen, Rep, lawmaker, lawmakers, legislators, legislation, GOP, Capitol, statehouse, governor's,
        Margaret Thatcher, John Major, Tony Blair, Gordon Brown, David Cameron, Theresa May, Neil Kinnock,
        William Hague, Michael Howard, Ed Miliband, Jeremy Corbyn, Paddy Ashdown, Charles Kennedy,
        Nick Clegg, Ed Davey, Ronald Reagan, George W Bush, Bill Clinton, Hillary Clinton, Barack Obama,
        Thatcher, Blair, Corbyn, Miliband, Clegg, Obama""",
    2.0: """Democratic, Democrats, Republican, Republicans, conservatives, progressives, abortion, gun control,
        gun laws, indictment, indicted, impeach, primaries, nominee, nomination, veto, Speaker, justices,
        Supreme Court, federal judge, state senator, Dem, Dems, MAGA, pollster, poll, polls, campaign trail,
        Tory, Tories, Labour, Downing Street, Number 10, No 10, Whitehall, Westminster, MP, MPs, peers,
        local elections, councillors, council""",
})

BUSINESS_MORE = _terms({
    3.0: """S&P 500, Dow, Nasdaq, stocks, stock, Wall Street, rate hike, rate hikes, rate rise, interest rate,
        layoffs, laid off, job cuts, jobs report, unemployment rate, consumer prices, cost of living,
        mortgage rates, housing market, supply chain, supply chains, earnings, valuation, bankruptcy,
        Fed, Federal Reserve, Treasury yields, bond yields, economists, recession,
        automaker, automakers, carmaker, carmakers, retailer, retailers, shareholders, investors,
        Warren Buffett, Berkshire Hathaway, JPMorgan, Goldman Sachs, Morgan Stanley, Citigroup, Wells Fargo,
        Bank of America, BlackRock, HSBC, Barclays, Lloyds, NatWest, UBS, Walmart, Costco, McDonald's,
        Starbucks, Coca-Cola, PepsiCo, Pepsi, Nike, Boeing, Airbus, Ford, General Motors, Toyota,
        Volkswagen, ExxonMobil, Exxon, Chevron, Shell, BP, savers, savings account,
        energy bills, price cap, mortgage, mortgages, IRS, HMRC, tax return, credit card, credit cards,
        401(k), retirement savings, wages, pay rise, salary, salaries, workforce""",
    2.0: """company, companies, firm, firms, business, businesses, industry, sales, revenue, profit, prices,
        costs, inflation, banking, lender, lenders, loans, consumers, customers,
        brand, retail, store, stores, shoppers, airline, airlines, factory, employees,
        chief executive, CEO, buyers, sellers, landlords, tenants, rent, renters, homeowners""",
})

TECHNOLOGY_MORE = _terms({
    3.0: """artificial intelligence, AI, ChatGPT, OpenAI, chatbot, Elon Musk, Musk, Mark Zuckerberg, Zuckerberg,
        Sam Altman, Tim Cook, Sundar Pichai, Apple Watch, smartwatch, smartwatches, wearable, wearables,
        earbuds, headphones, headset, headsets, virtual reality, augmented reality, VR, metaverse, Windows 11,
        iPhone, iPad, Pixel, Galaxy, Android, iOS, app, apps, App Store, Google Play, smart home, robotaxi,
        deepfake, deepfakes, facial recognition, quantum computing, cyber, cyberattack, hack, hacked, hackers,
        hacking, data breach, ransomware, malware, encryption, privacy, tech, TikTok, Twitter, Meta,
        Instagram, WhatsApp, YouTube, Google, Microsoft, Apple, Amazon, Netflix, semiconductor, chipmaker,
        TSMC, Intel, Nvidia, Samsung, software, laptop, laptops, Chromebook, gadget, gadgets, streaming
        device, Roku, Alexa, Siri, Bluetooth, Wi-Fi, 5G, broadband, satellite internet, Starlink, electric
        vehicle, electric vehicles, EV, EVs, charger, charging, battery life, self-driving, autonomous""",
    2.0: """online, internet, digital, device, devices, users, platform, platforms, algorithm, algorithms,
        computer, computers, screen, camera, cameras, feature, features, update, upgrade, launch, robot,
        robots, social media, tech giant, startup, startups, Silicon Valley""",
})

SCIENCE_MORE = _terms({
    3.0: """NASA, astronomers, astronomer, telescope, spacecraft, rocket launch, rocket, Moon, lunar, Mars,
        rover, asteroid, meteor, meteorite, comet, eclipse, solar eclipse, galaxy, black hole, exoplanet,
        International Space Station, ISS, astronaut, astronauts, SpaceX, Blue Origin, space agency,
        archaeologists, archaeological, fossil, fossils, dinosaur, dinosaurs, species, wildlife, extinct,
        extinction, endangered, conservation, whale, whales, shark, sharks, coral, reef, glacier, glaciers,
        volcano, eruption, scientists, scientist, physicists, physics, chemistry, biology, evolution,
        ancient, tomb, mummy, skeleton, Neanderthal, Neanderthals, climate change, global warming,
        greenhouse gas, emissions, carbon, carbon dioxide, methane, sea ice, Arctic, Antarctica,
        ocean, oceans, researchers, study finds, new study, peer-reviewed, journal""",
    2.0: """climate, environment, environmental, energy, solar, wind farm, renewable, renewables, heat wave,
        heatwave, drought, wildfire, wildfires, pollution, animals, animal, birds, insects, plants, trees,
        forest, forests, study, research, discovery, discovered, experiment, lab, laboratory, university""",
})

HEALTH_MORE = _terms({
    3.0: """FDA, Food and Drug Administration, CDC, Centers for Disease Control, NIH, surgeon general, WHO,
        World Health Organization, Medicare, Medicaid, health insurance, Obamacare, Affordable Care Act,
        opioid, opioids, overdose, overdoses, fentanyl, Alzheimer's, dementia, heart disease, heart attack,
        blood pressure, cholesterol, obesity, weight loss, diabetes, cancer, tumour, tumor, chemotherapy,
        mental health, depression, anxiety, ADHD, autism, vaccine, vaccines, vaccinated, vaccination, RSV,
        flu, influenza, measles, polio, cholera, Ebola, dengue, malaria, tuberculosis, hepatitis, sepsis,
        antibiotics, doctors, doctor, nurses, nurse, hospital, hospitals, NHS, patients, patient, GP, GPs,
        A&E, junior doctors, surgery, surgeon, surgeons, pregnancy, pregnant, IVF, menopause, medication,
        medications, prescription, drug, drugs, symptoms, diagnosis, diagnosed, disease, diseases, illness,
        infection, infections, virus, Covid, Covid-19, coronavirus, pandemic, outbreak, sleep, diet,
        nutrition, exercise, healthy, health, healthcare, medical, medicine, clinic, clinics, therapy,
        dementia, stroke, kidney, liver, lung, lungs, brain, skin, teeth, dental, dentist""",
})

SPORT_MORE = _terms({
    3.0: """NFL, NBA, MLB, NHL, MLS, WNBA, NCAA, March Madness, Final Four, college football, college basketball,
        playoffs, playoff, postseason, Super Bowl, World Series, Stanley Cup, quarterback, touchdown,
        halftime, inning, innings, home run, pitcher, free agent, free agency, NFL Draft, draft pick, rookie,
        MVP, Heisman, PGA Tour, LIV Golf, Masters, golf, golfer, tennis, Wimbledon, Grand Slam, boxing,
        UFC, WWE, Formula 1, F1, Grand Prix, NASCAR, IndyCar, Premier League, Champions League, World Cup,
        Women's World Cup, Ballon d'Or, Six Nations, rugby, cricket, Ashes, Olympics, Olympic, Paralympics,
        football, soccer, basketball, baseball, hockey, coach, head coach, manager, midfielder, goalkeeper,
        defender, forward, Brighton, Brentford, Fulham, Wolves, West Ham, Crystal Palace, Nottingham Forest,
        Leicester City, Leeds United, Southampton, Bournemouth, PSG, Paris Saint-Germain, Atletico Madrid,
        Borussia Dortmund, Kansas City Chiefs, Philadelphia Eagles, Dallas Cowboys, New England Patriots,
        Green Bay Packers, Buffalo Bills, San Francisco 49ers, 49ers, Los Angeles Lakers, Lakers,
        Golden State Warriors, Boston Celtics, Celtics, Miami Heat, Denver Nuggets, Nuggets, New York Yankees,
        Yankees, Boston Red Sox, Red Sox, Los Angeles Dodgers, Dodgers, Mets, Cubs, Astros""",
    2.0: """league, tournament, championship, champion, champions, squad, match, season, team, club, player,
        players, fans, stadium, semifinal, semifinals, quarterfinal, quarterfinals, scored, goal, goals,
        win, wins, won, victory, defeat, beat, Chiefs, Eagles, Cowboys, Patriots, Packers, Bengals, Ravens,
        Steelers, Broncos, Raiders, Chargers, Seahawks, Buccaneers, Warriors, Bucks, Suns, Knicks, Nets,
        Bruins, Maple Leafs, Oilers""",
})

ENTERTAINMENT_MORE = _terms({
    3.0: """HBO, Hulu, Disney+, Paramount+, Apple TV+, Prime Video, streaming series, season finale, showrunner,
        box office, trailer, sequel, Marvel, Star Wars, Oscars, Oscar, Academy Awards, Grammys, Grammy,
        Emmys, Emmy, Golden Globes, Baftas, Bafta, Tony Awards, Brit Awards, Eurovision, Coachella,
        Glastonbury, Broadway, West End, rapper, singer, singers, K-pop, album, albums, concert, concerts,
        song, songs, actor, actors, actress, celebrity, celebrities, red carpet, premiere, biopic,
        documentary, sitcom, comedian, comedy, late-night, talk show, Saturday Night Live, SNL, reality show,
        reality TV, Love Island, film, films, movie, movies, TV series, TV show, Hollywood, novel, novelist,
        memoir, author, musician, band, pop star, festival, theatre, musical, opera, ballet, museum, artist,
        artists, exhibition, gallery, painting, Netflix""",
    2.0: """episode, episodes, streaming, director, producer, cast, role, starring, fans, tour, music, book,
        books, TV, television, presenter, host""",
})


# Feature desks: the wellness, screen and nature pages most outlets run beside the news, whose pieces
# ("How much sunscreen you need", "The reboot nobody asked for", "Rewilding the uplands") name no disease,
# no awards and no scientist. Written from the everyday vocabulary of each kind of page.
HEALTH_WELLNESS = _terms({
    2.0: """wellness, vitamin, vitamins, supplements, nutrients, nutritionist, dietitian, dermatologist,
        sunscreen, sunburn, skin care, skincare, hair loss, workout, workouts, yoga, pilates, meditation,
        mindfulness, self-care, insomnia, gut health, probiotics, hydration, hydrated, intermittent fasting,
        weight-loss, calorie, vaping, vape, vapes, e-cigarettes, allergy, allergies, hay fever, pollen,
        menopause, period pain, therapist, psychologist, psychiatrist, loneliness, burnout, sleep apnea""",
    1.0: """sleep, sleeping, stretching, posture, steps, walking, running, eating, snacks, protein, fibre,
        fiber, wellbeing, habits, ageing, aging, longevity""",
})

ENTERTAINMENT_SCREEN = _terms({
    3.0: """box set, binge-watch, binge-watching, miniseries, docuseries, spin-off, reboot, remake, sitcom,
        romcom, romantic comedy, horror film, horror movie, superhero film, superhero movie, animated series,
        anime, talk show host, TV host, soap star, reality star, showbiz""",
    2.0: """franchise, superhero, thriller, horror, cartoon, casting, cast member, co-star, filming, film set,
        on set, big screen, small screen, season two, season three, final season, finale,
        prequel, fantasy, streamer, streamers, TV drama, period drama, crime drama, royal biographer,
        influencer, influencers, YouTuber, reality series, dating show, game show, quiz show""",
})

SCIENCE_NATURE = _terms({
    3.0: """rewilding, deforestation, rainforest, rainforests, coral reefs, microplastics, plastic pollution,
        sewage, river pollution, air pollution, meteorologist, meteorologists, seismologist, geologists,
        spaceflight, space flight, space station, space tourism, satellite images, satellite imagery,
        naturalist, ornithologist, zoologist, botanist, marine biologist""",
    2.0: """nature, habitat, habitats, wetland, wetlands, moorland, woodland, meadow, river, rivers, lake, lakes,
        bees, butterflies, pollinators, seabirds, weather, thunder, lightning, rainfall, snowfall,
        meteor shower, aurora, northern lights, recycling, plastic, plastics, carbon emissions, clean energy,
        heat pump, heat pumps, solar panels, wind turbines, reactor, radiation""",
})

# The money, motoring and travel pages most outlets file under business (a cash Isa, a car recall, strike
# pay offers, flight delays), and the celebrity page filed under entertainment.
BUSINESS_CONSUMER = _terms({
    3.0: """cash Isa, Isa, Isas, savings rates, pay offer, industrial action, walkout, walkouts, recalls, recalled,
        motorists, car dealers, used cars, car insurance, congestion charge, fuel prices, petrol prices,
        energy prices, flight delays, billionaire, billionaires, noncompete, receivership""",
    2.0: """savings, savers, wage, cars, car, vehicles, vehicle, petrol, diesel, gasoline, fuel, pipeline,
        airport, airports, flights, passengers, travelers, travellers, carriers, fares,
        philanthropist, fortune""",
})

ENTERTAINMENT_CELEBRITY = _terms({
    3.0: """acting, romance, ex-wife, ex-husband, ex-girlfriend, ex-boyfriend, girlfriend, boyfriend, stardom,
        TV personality, reality TV star, heartthrob, supermodel, socialite, A-lister""",
    2.0: """wedding, engaged, engagement, divorce, rocker, painter, sculptor, fashion""",
})


LEXICON: dict[str, Terms] = {
    "world": WORLD + WORLD_MORE_BODIES + WORLD_PLACES + WORLD_DEMONYMS + WORLD_WAR,
    "politics": POLITICS + POLITICS_MORE,
    "business": BUSINESS + BUSINESS_MORE + BUSINESS_CONSUMER,
    "technology": TECHNOLOGY + TECHNOLOGY_MORE,
    "science": SCIENCE + SCIENCE_MORE + SCIENCE_NATURE,
    "health": HEALTH + HEALTH_MORE + HEALTH_WELLNESS,
    "sport": SPORT + SPORT_MORE,
    "entertainment": ENTERTAINMENT + ENTERTAINMENT_MORE + ENTERTAINMENT_SCREEN + ENTERTAINMENT_CELEBRITY,
}

# Other common spellings of the same sections, so "tech" or "sports" also get a vocabulary.
ALIASES: dict[str, str] = {
    "tech": "technology",
    "sports": "sport",
    "science-environment": "science",
    "arts": "entertainment",
    "culture": "entertainment",
    "entertainment-arts": "entertainment",
    "economy": "business",
    "international": "world",
}

NAMES: dict[str, str] = {slug: slug.capitalize() for slug in LEXICON}


def lexicon_for(slug: str) -> Terms:
    """Built-in (term, weight) pairs for a section slug, or () when there is none."""
    return LEXICON.get(ALIASES.get(slug, slug), ())


# Section names outlets put in their article URLs (/sport/…, /2023/01/05/technology/…, /en-us/news/politics/…),
# mapped onto the built-in slugs. Written from the URL schemes of common English-language news sites
# (BBC, Guardian, NYT, CNN, NBC, Washington Post, The Hill, Le Monde English, Daily Mail, Al Jazeera, MSN).
# Mixed or national sections (/news/, /us/, /uk-news/, /sciencetech/, /environment/) name no topic.
URL_SECTIONS: dict[str, str] = {
    **dict.fromkeys(("world", "international", "europe", "asia", "africa", "middleeast", "middle-east",
                     "americas", "asia-pacific", "asia-and-pacific", "latin-america", "australia-news"), "world"),
    **dict.fromkeys(("politics", "election", "elections", "congress", "senate", "white-house", "campaign",
                     "us-politics", "uk-politics"), "politics"),
    **dict.fromkeys(("business", "economy", "money", "markets", "finance", "investing", "companies"), "business"),
    **dict.fromkeys(("technology", "tech", "tech-news"), "technology"),
    **dict.fromkeys(("science", "space", "science-environment"), "science"),
    **dict.fromkeys(("health", "health-news", "healthcare", "wellness", "medicine"), "health"),
    **dict.fromkeys(("sport", "sports", "football", "soccer", "tennis", "cricket", "golf", "boxing", "rugby-union",
                     "rugby-league", "formula-1", "formula1", "nfl", "nba", "mlb", "nhl", "cycling"), "sport"),
    **dict.fromkeys(("entertainment", "arts", "culture", "film", "movies", "music", "tv", "television", "tv-and-radio",
                     "tvshowbiz", "celebrity", "books", "pop-culture", "entertainment-arts", "stage"),
                    "entertainment"),
}

# Words with a common second sense outside the field that would file an article on their own:
# "hunger strikers" (not football), "people injured" in a shooting (not sport), "deaths" at an inquest
# (not health), a "review" of anything (not a film review), a "leader" of any group, "shot" by police,
# "star"/"universe" in a film, "schools" in any local story. They count only beside another piece of
# evidence for the same topic (and always as part of a multi-word term: "hat-trick", "star-studded").
# Chosen from the senses a general dictionary lists for each word, not from any evaluation file.
# The generic words of government name no country: "president", "election" and "minister" are domestic
# politics at home and world news abroad. With a place abroad named and no domestic institution or office-holder
# (Congress, MPs, Biden, Westminster …), they count for World (the reason says "abroad").
GENERIC_GOVERNMENT: frozenset[str] = _words("""
president presidential government minister ministers election elections vote votes voting voters ballot
polls parliament parliamentary opposition coalition cabinet referendum candidate candidates assembly
legislation law laws lawmakers legislators political politics politician politicians policy reform reforms
party parties leader leaders leadership campaign majority officials critics rivals announced plans proposals
accused claims
police court courts judges ruling justice prisons crime rights report public debate debates pledge pledged
inquiry committee council schools scheme conservatives
""") | frozenset(("prime minister", "presidential election", "supreme court", "human rights", "local elections",
                 "opposition leader", "secretary of state"))

# Words of a violent or disaster event. Such an event in a place abroad is foreign news wherever the outlet
# files it ("Bus plunge in Pakistan kills 40", "Nepal plane crash"): with a place abroad named, one of these
# counts for World (the reason says "incident abroad"). From the kinds of event a foreign desk covers.
# In written order (not a set's, which changes with the hash seed): of words with one stem ("killed kills"), the
# first written names the evidence in a topic's reasons, the same in every build.
INCIDENTS: tuple[str, ...] = _word_sequence("""
killed kills kill killing killings dead died dies deaths death-toll crash crashed crashes
earthquake quake tremor aftershock flood floods flooding flooded landslide landslides mudslide avalanche
wildfire wildfires blaze fire fires explosion explosions blast blasts bomb bombing bombings shooting
shootings gunmen gunman gunfire stabbing massacre attack attacks attacked clashes clash riot riots
stampede storm storms cyclone hurricane typhoon tornado tsunami eruption erupts erupted derailed
derailment sank sinking shipwreck capsized kidnapped kidnapping abducted hostage hostages injured
wounded victims survivors rescuers rescue casualties
""")

CONTEXT_ONLY: frozenset[str] = _words("""
strike strikes striker strikers injured injury injuries death deaths review reviews star stars universe
leader leaders leadership shot shots shooting school schools ground points record records side supporters
fans race races beat cell cells operation condition conditions positive cases bank banks demand stake
model models data video phone phones court bill bills party parties campaign channel series drama show
stage chart single tour hit hits label space environment virus viruses treatment url
""")
