//! Field lists the client asks for (`docs/meta-rules.md` §2-§3), shared so the sandbox answers the same set.

pub const WABA: &str = "id,name,currency,timezone_id,account_review_status,business_verification_status,ownership_type,primary_funding_id,health_status,owner_business_info,on_behalf_of_business_info,message_template_namespace";
pub const PHONE_NUMBER: &str = "id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,new_name_status,platform_type,host_platform,account_mode,is_on_biz_app,last_onboarded_time,throughput,health_status";
pub const TEMPLATE: &str =
    "id,name,language,status,category,components,parameter_format,quality_score,rejected_reason";
pub const PROFILE: &str = "about,address,description,email,profile_picture_url,websites,vertical";
pub const BUSINESS: &str = "id,name,verification_status";
pub const BUSINESS_USER: &str = "id,name,role";
pub const CREDIT_LINE: &str = "id,legal_entity_name";
