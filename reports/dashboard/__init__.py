"""The statistics dashboard of department viewers and coordinators: figures,
drill-down by unit and class, charts, and the summary tables behind them."""
