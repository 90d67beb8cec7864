use super::*;

#[test]
fn names_keep_their_surname() {
    assert_eq!(mask_name("张三"), "张＊");
    assert_eq!(mask_name("王建国"), "王＊＊");
    assert_eq!(mask_name("欧阳娜娜"), "欧阳＊＊");
    assert_eq!(mask_name("欧阳"), "欧＊", "a two-character name is a surname and a given name");
    assert_eq!(mask_name("𠮷春花"), "𠮷＊＊");
    assert_eq!(mask_name("马"), "＊");
    assert_eq!(mask_name(""), "");
}

#[test]
fn the_named_persons_are_masked_wherever_they_appear() {
    let text = "张三经营的张三小吃店，由其妻李四梅签收。张三表示将整改。";
    assert_eq!(
        redact(text, &["张三", "李四梅", " ", "李"]),
        "张＊经营的张＊小吃店，由其妻李＊＊签收。张＊表示将整改。"
    );
    // A longer name is masked before a shorter one it contains.
    assert_eq!(redact("王建国与王建", &["王建", "王建国"]), "王＊＊与王＊");
}

#[test]
fn mobile_and_landline_numbers_are_masked() {
    assert_eq!(redact("电话13812345678。", &[]), "电话138＊＊＊＊5678。");
    assert_eq!(redact("电话：0533-6012345", &[]), "电话：0533-＊＊＊＊＊45");
    assert_eq!(redact("座机053312345678", &[]), "座机0533＊＊＊＊＊＊78");
    assert_eq!(redact("拨打6012345", &[]), "拨打＊＊＊＊＊45");
}

#[test]
fn id_numbers_and_credit_codes_are_masked() {
    assert_eq!(redact("身份证号370303199001011234", &[]), "身份证号3703＊＊＊＊＊＊＊＊＊＊1234");
    assert_eq!(redact("身份证37030319900101123X。", &[]), "身份证3703＊＊＊＊＊＊＊＊＊＊123X。");
    assert_eq!(redact("旧证370303900101123", &[]), "旧证3703＊＊＊＊＊＊＊1123");
    assert_eq!(
        redact("统一社会信用代码：91370303MA3C4XKE8B", &[]),
        "统一社会信用代码：9137＊＊＊＊＊＊＊＊＊＊KE8B"
    );
}

#[test]
fn ordinary_numbers_and_words_stay() {
    let text = "金岭指导书〔2026〕7号：2026年12月3日检查，罚款0元，第3条，共12户，ABC-1。";
    assert_eq!(redact(text, &[]), text);
}
