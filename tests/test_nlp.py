from wiretrace.nlp import load_english


def test_model_loads_once_and_parses():
    nlp = load_english(("lemmatizer",))
    assert load_english(("lemmatizer",)) is nlp
    doc = nlp("Sergey Lavrov said on Monday that Moscow was open to talks.")
    assert [ent.text for ent in doc.ents if ent.label_ == "PERSON"] == ["Sergey Lavrov"]
    assert "lemmatizer" not in nlp.pipe_names


def test_stages_excluding_the_same_components_share_one_pipeline():
    assert load_english(("ner", "lemmatizer")) is load_english(("lemmatizer", "ner", "lemmatizer"))
