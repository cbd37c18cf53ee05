def test_stop_worker(page, open_video, extension):
    open_video(page, "gardenTalk1")
    extension.worker().evaluate("self.__marker = 1")
    cdp = extension.context.new_cdp_session(page)
    targets = cdp.send("Target.getTargets")["targetInfos"]
    sw = [t for t in targets if t["type"] == "service_worker"][0]
    cdp.send("Target.closeTarget", {"targetId": sw["targetId"]})
    page.wait_for_timeout(800)
    try:
        print("marker after close:", extension.context.service_workers[0].evaluate("self.__marker"))
    except Exception as e:
        print("evaluate failed", str(e)[:200])
    page.reload()
    page.wait_for_selector("#glance-panel[data-state=ready]")
    print([w.url for w in extension.context.service_workers])
    print("marker after reload:", extension.context.service_workers[-1].evaluate("self.__marker"))
