from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "sco.trade"
    label = "trade"
    verbose_name = _("Trade monitor")

    def ready(self) -> None:
        from sco.core import fragments, hooks
        from sco.trade.home import PANEL, trade_panel
        from sco.trade.models import Dataset, Import

        hooks.register("home_panel")(trade_panel)
        fragments.connect(PANEL, Dataset, Import)
