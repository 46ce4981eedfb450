"""Demo page tree: the home page as the default site's root."""

from wagtail.models import Page, Site

from cms.models import HomePage, PortalSettings

HOME_INTRO = "依法受理公共资源交易投诉举报，公开“双随机、一公开”抽查结果，接受社会监督。"
HOME_BODY = (
    "<p>本平台由市公共资源交易管理委员会办公室主办，面向投标人、招标人和社会公众，提供投诉、举报、"
    "意见建议的在线提交与进度查询，公开投诉处理决定、抽查结果、行政处罚和信用记录。</p>"
)


def seed(stdout) -> None:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations leave a placeholder "Welcome" page; the portal's home replaces it.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title="公共资源交易监督平台", slug="home", intro=HOME_INTRO, body=HOME_BODY))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "公共资源交易监督平台"
    site.save()
    settings = PortalSettings.for_site(site)
    settings.hotline = settings.hotline or "12345"
    settings.address = settings.address or "市民中心B座5楼 公共资源交易管理委员会办公室"
    settings.office_hours = settings.office_hours or "工作日 9:00–12:00，14:00–17:30"
    settings.footer = settings.footer or "主办：市公共资源交易管理委员会办公室"
    settings.save()
    stdout.write("cms: home page and site settings ready")
